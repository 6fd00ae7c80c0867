package io.chatserver.groupservice.users;

import io.chatserver.groupservice.config.GroupsProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Asks user-service which user ids are accounts, so a group never gets a member who does not exist. */
@Component
public final class UserDirectory {

    private final WebClient client;
    private final GroupsProperties properties;

    UserDirectory(GroupsProperties properties) {
        this.client = InternalWebClients.builder("user-service").baseUrl(properties.userServiceUrl().toString()).build();
        this.properties = properties;
    }

    /** Completes when every id is an account; 2105 naming the others; 2108 when user-service cannot say. */
    public Mono<Void> requireExisting(List<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Mono.empty();
        }
        return client.post().uri("/internal/v1/users/lookup")
                .bodyValue(new LookupRequest(userIds))
                .retrieve()
                .bodyToMono(LookupResponse.class)
                .timeout(properties.userLookupTimeout())
                .onErrorMap(e -> new ChatException(ErrorCode.GROUP_DIRECTORY_UNAVAILABLE,
                        "user-service did not answer: " + e.getClass().getSimpleName()))
                .flatMap(answer -> {
                    Set<UUID> unknown = new HashSet<>(userIds);
                    unknown.removeAll(answer.existing());
                    return unknown.isEmpty() ? Mono.empty() : Mono.error(new ChatException(
                            ErrorCode.GROUP_USER_UNKNOWN, "no users " + unknown.stream().sorted().toList()));
                });
    }

    record LookupRequest(List<UUID> userIds) {
    }

    record LookupResponse(List<UUID> existing) {
    }
}
