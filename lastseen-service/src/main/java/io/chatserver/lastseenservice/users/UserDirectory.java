package io.chatserver.lastseenservice.users;

import io.chatserver.lastseenservice.PresenceProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Asks user-service whether a user id is an account, so unknown ids get 1401 instead of a made-up presence. */
@Component
public final class UserDirectory {

    private static final int REMEMBERED = 500_000;

    private final WebClient client;
    private final PresenceProperties properties;
    /** Ids user-service said are accounts, the most recently used kept. */
    private final Set<UUID> known = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    UserDirectory(PresenceProperties properties) {
        this.client = InternalWebClients.builder("user-service").baseUrl(properties.userServiceUrl().toString()).build();
        this.properties = properties;
    }

    /** Completes when the id is an account; 1401 when it is not; 1603 when user-service cannot say. */
    public Mono<Void> requireExisting(UUID userId) {
        return existing(List.of(userId)).flatMap(existing -> existing.contains(userId) ? Mono.empty()
                : Mono.error(new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no user " + userId)));
    }

    /**
     * Which of the ids (at most 1,000) are accounts; 1603 when user-service cannot say. Ids found once
     * are remembered (accounts are not deleted), so watchers subscribing again cost user-service nothing.
     */
    public Mono<Set<UUID>> existing(List<UUID> userIds) {
        List<UUID> ask = userIds.stream().filter(id -> !known.contains(id)).toList();
        if (ask.isEmpty()) {
            return Mono.just(Set.copyOf(userIds));
        }
        return client.post().uri("/internal/v1/users/lookup")
                .bodyValue(new LookupRequest(ask))
                .retrieve()
                .bodyToMono(LookupResponse.class)
                .timeout(properties.userLookupTimeout())
                .onErrorMap(e -> new ChatException(ErrorCode.PRESENCE_UNAVAILABLE,
                        "user-service did not answer: " + e.getClass().getSimpleName()))
                .map(answer -> {
                    known.addAll(answer.existing());
                    Set<UUID> existing = new HashSet<>(answer.existing());
                    userIds.stream().filter(known::contains).forEach(existing::add);
                    return existing;
                });
    }

    record LookupRequest(List<UUID> userIds) {
    }

    record LookupResponse(List<UUID> existing) {
    }
}
