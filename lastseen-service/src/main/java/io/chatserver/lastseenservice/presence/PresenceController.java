package io.chatserver.lastseenservice.presence;

import io.chatserver.platform.security.AuthenticatedDevice;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Online status and last seen of one user, as the caller may see them (R13). */
@RestController
final class PresenceController {

    private final Presences presences;

    PresenceController(Presences presences) {
        this.presences = presences;
    }

    @GetMapping("/v1/presence/{userId}")
    Mono<PresenceView> presence(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable UUID userId) {
        return presences.of(device.userId(), userId);
    }
}
