package io.chatserver.wsmanager.sessions;

import io.chatserver.platform.registry.DeviceSession;
import io.chatserver.platform.registry.HandlerCommands;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.wsmanager.registry.SessionRef;
import io.chatserver.wsmanager.registry.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registry updates that also tell a handler to close a session that lost its place. */
@Service
final class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    private final SessionRegistry registry;
    private final HandlerCommands publisher;

    Sessions(SessionRegistry registry, HandlerCommands publisher) {
        this.registry = registry;
        this.publisher = publisher;
    }

    /** Registers; the replaced session (on this or another handler) is told to close with SESSION_REPLACED. */
    /** age: how long ago the session's handshake began. */
    Mono<Optional<SessionRef>> register(UUID userId, int deviceId, String handlerId, String sessionId, Duration age) {
        return closingReplaced(userId, deviceId, registry.registerAged(userId, deviceId, handlerId, sessionId, age));
    }

    /** As above, the handshake's start given on this instance's clock (at most a minute back counts). */
    Mono<Optional<SessionRef>> register(UUID userId, int deviceId, String handlerId, String sessionId,
            Instant startedAt) {
        return closingReplaced(userId, deviceId, registry.registerStartedAt(userId, deviceId, handlerId, sessionId,
                startedAt));
    }

    private Mono<Optional<SessionRef>> closingReplaced(UUID userId, int deviceId, Mono<SessionRef> registration) {
        return registration
                .flatMap(old -> closeQuietly(new DeviceSession(userId, deviceId, old.handlerId(), old.sessionId(), null))
                        .thenReturn(Optional.of(old)))
                .defaultIfEmpty(Optional.empty());
    }

    /** Reconciles; a listed session whose device lives on elsewhere is stale and is told to close. */
    Mono<Void> reconcile(String handlerId, List<DeviceSession> held) {
        return registry.reconcile(handlerId, held)
                .concatMap(stale -> {
                    log.info("reconciliation of {}: session {} was replaced elsewhere, closing it", handlerId,
                            stale.sessionId());
                    return closeQuietly(stale);
                })
                .then();
    }

    // The registry change is done; a failed publish must not turn it into an error for the caller.
    private Mono<Void> closeQuietly(DeviceSession target) {
        return publisher.close(target, ErrorCode.SESSION_REPLACED)
                .onErrorResume(e -> {
                    log.warn("could not tell {} to close session {}: {}", target.handlerId(), target.sessionId(),
                            e.toString());
                    return Mono.empty();
                });
    }
}
