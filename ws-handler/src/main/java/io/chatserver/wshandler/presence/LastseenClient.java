package io.chatserver.wshandler.presence;

import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.PresenceState;
import io.chatserver.protocol.v1.UserPresence;
import io.chatserver.wshandler.delivery.CallLimit;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.UUID;

/** lastseen-service's internal API: the presence of users as one watcher may see it. */
@Component
class LastseenClient {

    private final WebClient http;
    private final PresenceProperties properties;
    private final CallLimit calls;

    LastseenClient(PresenceProperties properties) {
        this.http = InternalWebClients.builder("lastseen-service").baseUrl(properties.lastseenServiceUrl().toString()).build();
        this.properties = properties;
        this.calls = new CallLimit(properties.callsInFlight(), Schedulers.parallel());
    }

    /** 1603 when lastseen-service does not answer in time. */
    Mono<Views> views(UUID viewer, List<UUID> users) {
        return calls.run(() -> http.post().uri("/internal/v1/presence/views")
                        .bodyValue(new ViewsRequest(viewer, users))
                        .retrieve()
                        .bodyToMono(Views.class)
                        .timeout(properties.callTimeout()))
                .onErrorMap(e -> !(e instanceof ChatException), e -> new ChatException(ErrorCode.PRESENCE_UNAVAILABLE,
                        "lastseen-service did not answer: " + e.getClass().getSimpleName()));
    }

    record ViewsRequest(UUID viewerUserId, List<UUID> userIds) {
    }

    /** views: one per known user, in the order asked; unknown: the ids that are no account. */
    record Views(List<View> views, List<UUID> unknown) {
    }

    record View(UUID userId, String state, Long lastSeenAtMs) {

        boolean visible() {
            return !"HIDDEN".equals(state);
        }

        UserPresence wire() {
            UserPresence.Builder presence = UserPresence.newBuilder().setUserId(userId.toString())
                    .setState(PresenceState.valueOf(state));
            if (lastSeenAtMs != null) {
                presence.setLastSeenAtMs(lastSeenAtMs);
            }
            return presence.build();
        }
    }
}
