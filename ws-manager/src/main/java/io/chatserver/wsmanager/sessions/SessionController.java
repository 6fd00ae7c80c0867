package io.chatserver.wsmanager.sessions;

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

import java.time.Duration;
import java.util.UUID;

/** Registration of device sessions by ws-handlers, and lookups of a user's connected devices. */
@RestController
@RequestMapping("/internal/v1")
final class SessionController {

    private final Sessions sessions;
    private final SessionRegistry registry;

    SessionController(Sessions sessions, SessionRegistry registry) {
        this.sessions = sessions;
        this.registry = registry;
    }

    @PostMapping("/sessions")
    Mono<RegisterSessionResponse> register(@Valid @RequestBody RegisterSessionRequest request) {
        return sessions.register(UUID.fromString(request.userId()), request.deviceId(), request.handlerId(),
                        request.sessionId(), request.ageMs() == null ? Duration.ZERO : Duration.ofMillis(request.ageMs()))
                .map(replaced -> new RegisterSessionResponse(replaced.orElse(null)));
    }

    /** Compare-and-delete: removes the session only while it is still the device's current one. */
    @DeleteMapping("/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> unregister(@PathVariable String sessionId, @RequestParam(required = false) String userId,
            @RequestParam(required = false) String deviceId) {
        return Mono.defer(() -> registry.unregister(RegistryIds.userId(userId), RegistryIds.deviceId(deviceId),
                RegistryIds.sessionId(sessionId))).then();
    }

    @GetMapping("/users/{userId}/sessions")
    Flux<UserSessionView> userSessions(@PathVariable String userId) {
        return Flux.defer(() -> registry.userSessions(RegistryIds.userId(userId)))
                .map(s -> new UserSessionView(s.deviceId(), s.handlerId(), s.sessionId(), s.connectedAt()));
    }
}
