package io.chatserver.lastseenservice.users;

import io.chatserver.lastseenservice.PresenceProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Asks user-service whether a user id is an account, so unknown ids get 1401 instead of a made-up presence. */
@Component
public final class UserDirectory {

    private final WebClient client;
    private final PresenceProperties properties;

    UserDirectory(PresenceProperties properties) {
        this.client = InternalWebClients.builder("user-service").baseUrl(properties.userServiceUrl().toString()).build();
        this.properties = properties;
    }

    /** Completes when the id is an account; 1401 when it is not; 1603 when user-service cannot say. */
    public Mono<Void> requireExisting(UUID userId) {
        return existing(List.of(userId)).flatMap(existing -> existing.contains(userId) ? Mono.empty()
                : Mono.error(new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no user " + userId)));
    }

    /** Which of the ids (at most 1,000) are accounts; 1603 when user-service cannot say. */
    public Mono<Set<UUID>> existing(List<UUID> userIds) {
        return client.post().uri("/internal/v1/users/lookup")
                .bodyValue(new LookupRequest(userIds))
                .retrieve()
                .bodyToMono(LookupResponse.class)
                .timeout(properties.userLookupTimeout())
                .onErrorMap(e -> new ChatException(ErrorCode.PRESENCE_UNAVAILABLE,
                        "user-service did not answer: " + e.getClass().getSimpleName()))
                .map(answer -> Set.copyOf(answer.existing()));
    }

    record LookupRequest(List<UUID> userIds) {
    }

    record LookupResponse(List<UUID> existing) {
    }
}
