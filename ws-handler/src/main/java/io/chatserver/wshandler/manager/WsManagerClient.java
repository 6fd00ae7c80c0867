package io.chatserver.wshandler.manager;

import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.platform.runtime.ChatInstanceProperties;
import io.chatserver.wshandler.WsHandlerProperties;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.SessionRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;

/** Calls to ws-manager's internal API on behalf of this instance (its handler id is the instance id). */
@Component
final class WsManagerClient implements SessionRegistration {

    private static final Logger log = LoggerFactory.getLogger(WsManagerClient.class);

    private final WebClient http;
    private final String handlerId;
    private final Duration timeout;
    private final Clock clock;

    WsManagerClient(WsHandlerProperties properties, ChatInstanceProperties instance, Clock clock) {
        this.http = InternalWebClients.builder("ws-manager").baseUrl(properties.wsManagerUrl().toString()).build();
        this.handlerId = instance.instanceId();
        this.timeout = properties.registryTimeout();
        this.clock = clock;
    }

    String handlerId() {
        return handlerId;
    }

    @Override
    public Mono<Void> register(Connection connection) {
        return Mono.defer(() -> {
            long now = clock.millis();
            long startedAt = connection.connectedAt().toEpochMilli();
            // The deadline is this call's timeout: a registration that reaches ws-manager after it changes nothing.
            return http.post().uri("/internal/v1/sessions")
                    .bodyValue(new RegistryRequests.RegisterSession(connection.device().userId().toString(),
                            connection.device().deviceId(), connection.sessionId(), handlerId,
                            Math.max(0, now - startedAt), startedAt, now + timeout.toMillis()))
                    .retrieve().toBodilessEntity().timeout(timeout).then();
        });
    }

    @Override
    public Mono<Void> unregister(Connection connection) {
        return http.delete().uri(uri -> uri.path("/internal/v1/sessions/{sessionId}")
                        .queryParam("userId", connection.device().userId())
                        .queryParam("deviceId", connection.device().deviceId())
                        // The user's last seen, if this was their last device (translated by ws-manager).
                        .queryParam("handlerId", handlerId)
                        .queryParam("lastActiveAtMs", connection.lastInboundMs())
                        .build(connection.sessionId()))
                .retrieve().toBodilessEntity().timeout(timeout).then()
                .onErrorResume(e -> {
                    // Reconciliation removes it later; the registry never shows it on a dead handler.
                    log.warn("could not unregister session {}: {}", connection.sessionId(), e.toString());
                    return Mono.empty();
                });
    }

    /** Emits whether ws-manager still knew this handler's lease (see its LeaseResponse). */
    Mono<Boolean> renewLease() {
        return Mono.defer(() -> http.put()
                        .uri(uri -> uri.path("/internal/v1/handlers/{handlerId}/lease")
                                .queryParam("sentAtMs", clock.millis()).build(handlerId))
                        .retrieve().bodyToMono(RegistryRequests.Lease.class))
                .timeout(timeout)
                .map(RegistryRequests.Lease::known)
                .defaultIfEmpty(true); // an older ws-manager answers 204 (during a rolling update)
    }

    Mono<Void> reconcile(Collection<Connection> connections) {
        var held = connections.stream()
                .filter(connection -> !connection.isClosing())
                .map(c -> new RegistryRequests.HeldSession(c.device().userId().toString(), c.device().deviceId(),
                        c.sessionId(), c.connectedAt()))
                .toList();
        return http.put().uri("/internal/v1/handlers/{handlerId}/sessions", handlerId)
                .bodyValue(new RegistryRequests.HeldSessions(held))
                .retrieve().toBodilessEntity().timeout(timeout.multipliedBy(5)).then();
    }

    Mono<Void> dropHandler() {
        return http.delete().uri("/internal/v1/handlers/{handlerId}", handlerId)
                .retrieve().toBodilessEntity().timeout(timeout).then();
    }
}
