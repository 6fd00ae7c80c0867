package io.chatserver.messageservice.directory;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A group's members as group-service has them (its internal API, served from its Redis cache),
 * asked for on every group send: a member removed a moment ago is not sent the next message.
 */
@Component
public final class GroupDirectory {

    private final WebClient http;
    private final MessagingProperties properties;

    GroupDirectory(MessagingProperties properties) {
        this.http = InternalWebClients.builder("group-service").baseUrl(properties.groupServiceUrl().toString())
                .build();
        this.properties = properties;
    }

    /** The group's members; 2101 when there is no such group, the retryable 2004 when group-service cannot say. */
    public Mono<GroupMembers> members(UUID groupId) {
        return http.get().uri("/internal/v1/groups/{groupId}/members", groupId)
                .retrieve().bodyToMono(GroupMembers.class)
                .timeout(properties.callTimeout())
                .onErrorMap(WebClientResponseException.class, e -> e.getStatusCode() == HttpStatus.NOT_FOUND
                        ? notFound(groupId) : e)
                .onErrorMap(e -> !(e instanceof ChatException), e -> new ChatException(
                        ErrorCode.MESSAGE_STORE_UNAVAILABLE, "group directory unavailable: " + e));
    }

    /**
     * The members, if {@code caller} is one of them; otherwise 2006, the same as for a conversation
     * that does not exist (REST and receipts name conversations, not groups).
     */
    public Mono<GroupMembers> membersFor(UUID groupId, UUID caller) {
        return members(groupId)
                .onErrorMap(e -> e instanceof ChatException chat && chat.code() == ErrorCode.GROUP_NOT_FOUND,
                        e -> notYours(groupId))
                .flatMap(group -> group.member(caller).isPresent() ? Mono.just(group) : Mono.error(notYours(groupId)));
    }

    private static ChatException notYours(UUID groupId) {
        return new ChatException(ErrorCode.MESSAGE_CONVERSATION_UNKNOWN, "no conversation g:" + groupId + " of yours");
    }

    static ChatException notFound(UUID groupId) {
        return new ChatException(ErrorCode.GROUP_NOT_FOUND, "no group " + groupId + " of yours");
    }

    /** One version of a group's member list. */
    public record GroupMembers(UUID groupId, long version, boolean onlyAdminsSend, List<Member> members) {

        public Optional<Member> member(UUID userId) {
            return members.stream().filter(member -> member.userId().equals(userId)).findFirst();
        }

        public List<UUID> userIds() {
            return members.stream().map(Member::userId).toList();
        }
    }

    /** {@code joinedVersion}: the group version their current membership began with (0: from before it was kept). */
    public record Member(UUID userId, boolean admin, long joinedVersion) {
    }
}
