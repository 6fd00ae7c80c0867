package io.chatserver.wsmanager.sessions;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.wsmanager.registry.RegistryIds;
import io.chatserver.wsmanager.registry.SessionRegistry;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Registration of device sessions by ws-handlers, and lookups of a user's connected devices. */
@RestController
@RequestMapping("/internal/v1")
final class SessionController {

    private final Sessions sessions;
    private final SessionRegistry registry;
    private final HandlerClocks clocks;
    private final Clock clock;

    SessionController(Sessions sessions, SessionRegistry registry, HandlerClocks clocks, Clock clock) {
        this.sessions = sessions;
        this.registry = registry;
        this.clocks = clocks;
        this.clock = clock;
    }

    @PostMapping("/sessions")
    Mono<RegisterSessionResponse> register(@Valid @RequestBody RegisterSessionRequest request) {
        return Mono.defer(() -> {
            UUID userId = UUID.fromString(request.userId());
            Optional<HandlerClocks.Offsets> offsets = clocks.offsets(request.handlerId());
            if (offsets.isEmpty() || request.startedAtMs() == null || request.deadlineMs() == null) {
                return sessions.register(userId, request.deviceId(), request.handlerId(), request.sessionId(),
                        request.ageMs() == null ? Duration.ZERO : Duration.ofMillis(request.ageMs()));
            }
            // Neither offset is below the true one, so this refuses only what the handler gave up on.
            if (clock.millis() > request.deadlineMs() + offsets.get().largest()) {
                throw new ChatException(ErrorCode.SESSION_REGISTRY_UNAVAILABLE, "the registration of session "
                        + request.sessionId() + " arrived after its handler stopped waiting for it");
            }
            return sessions.register(userId, request.deviceId(), request.handlerId(), request.sessionId(),
                    Instant.ofEpochMilli(request.startedAtMs() + offsets.get().smallest()));
        }).map(replaced -> new RegisterSessionResponse(replaced.orElse(null)));
    }

    /**
     * Compare-and-delete: removes the session only while it is still the device's current one. The
     * handler may say when the device was last active (its last inbound frame, on the handler's clock):
     * that is the user's last seen if this was their last device; without it, now.
     */
    @DeleteMapping("/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> unregister(@PathVariable String sessionId, @RequestParam(required = false) String userId,
            @RequestParam(required = false) String deviceId, @RequestParam(required = false) String handlerId,
            @RequestParam(required = false) Long lastActiveAtMs) {
        return Mono.defer(() -> registry.unregister(RegistryIds.userId(userId), RegistryIds.deviceId(deviceId),
                RegistryIds.sessionId(sessionId), lastActive(handlerId, lastActiveAtMs))).then();
    }

    /** The handler's time of the last activity on this clock, with the offset that dates it earliest. */
    private Instant lastActive(String handlerId, Long lastActiveAtMs) {
        if (handlerId == null || lastActiveAtMs == null) {
            return clock.instant();
        }
        return clocks.offsets(handlerId)
                .map(offsets -> Instant.ofEpochMilli(lastActiveAtMs + offsets.smallest()))
                .orElseGet(clock::instant);
    }

    @GetMapping("/users/{userId}/sessions")
    Flux<UserSessionView> userSessions(@PathVariable String userId) {
        return Flux.defer(() -> registry.userSessions(RegistryIds.userId(userId)))
                .map(s -> new UserSessionView(s.deviceId(), s.handlerId(), s.sessionId(), s.connectedAt()));
    }
}
