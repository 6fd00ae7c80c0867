package io.chatserver.wsmanager.sessions;

import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.registry.DeviceSession;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.wsmanager.WsManagerProperties;
import io.chatserver.wsmanager.registry.RegistryIds;
import io.chatserver.wsmanager.registry.SessionRegistry;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * What ws-handler instances tell the registry about themselves: lease renewals, graceful shutdown,
 * and reconciliation (the full list of sessions they hold, sent periodically and after an outage).
 */
@RestController
@RequestMapping("/internal/v1/handlers/{handlerId}")
final class HandlerController {

    private final SessionRegistry registry;
    private final Sessions sessions;
    private final WsManagerProperties properties;
    private final HandlerClocks clocks;

    HandlerController(SessionRegistry registry, Sessions sessions, WsManagerProperties properties,
            HandlerClocks clocks) {
        this.registry = registry;
        this.sessions = sessions;
        this.properties = properties;
        this.clocks = clocks;
    }

    /** sentAtMs: when the handler sent the renewal, on its clock (optional), to learn its offset. */
    @PutMapping("/lease")
    Mono<LeaseResponse> renewLease(@PathVariable String handlerId, @RequestParam(required = false) Long sentAtMs) {
        return Mono.defer(() -> {
            String handler = RegistryIds.handlerId(handlerId);
            if (sentAtMs != null) {
                clocks.renewalSent(handler, sentAtMs);
            }
            return registry.renewLease(handler);
        }).map(LeaseResponse::new);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> drop(@PathVariable String handlerId) {
        return Mono.defer(() -> registry.dropHandler(RegistryIds.handlerId(handlerId))).then();
    }

    @PutMapping("/sessions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> reconcile(@PathVariable String handlerId, @Valid @RequestBody HeldSessions held) {
        return Mono.defer(() -> {
            String handler = RegistryIds.handlerId(handlerId);
            if (held.sessions().size() > properties.maxReconcileSessions()) {
                throw new ChatException(ErrorCode.VALIDATION_FAILED,
                        "at most " + properties.maxReconcileSessions() + " sessions per request");
            }
            // connectedAt is on the handler's clock: on ours once its offset is known (it only dates new entries).
            long offset = clocks.offsets(handler).map(HandlerClocks.Offsets::smallest).orElse(0L);
            List<DeviceSession> sessionsHeld = held.sessions().stream()
                    .map(s -> new DeviceSession(UUID.fromString(s.userId()), s.deviceId(), handler, s.sessionId(),
                            s.connectedAt() == null ? null : s.connectedAt().plusMillis(offset)))
                    .toList();
            return sessions.reconcile(handler, sessionsHeld);
        });
    }

    @GetMapping("/sessions")
    Flux<HandlerSessionView> sessions(@PathVariable String handlerId) {
        return Flux.defer(() -> registry.handlerSessions(RegistryIds.handlerId(handlerId)))
                .map(s -> new HandlerSessionView(s.userId().toString(), s.deviceId(), s.sessionId(), s.connectedAt()));
    }
}
