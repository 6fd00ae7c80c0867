package io.chatserver.lastseenservice.privacy;

import io.chatserver.lastseenservice.presence.PresenceFanout;
import io.chatserver.platform.security.AuthenticatedDevice;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's own privacy setting: who sees their online status and last seen (R13, R38). */
@RestController
final class PrivacyController {

    private final PrivacyStore store;
    private final PresenceFanout fanout;

    PrivacyController(PrivacyStore store, PresenceFanout fanout) {
        this.store = store;
        this.fanout = fanout;
    }

    @GetMapping("/v1/presence/settings")
    Mono<PrivacySettings> get(@AuthenticationPrincipal AuthenticatedDevice device) {
        return store.visibility(device.userId()).map(PrivacySettings::new);
    }

    @PutMapping("/v1/presence/settings")
    Mono<PrivacySettings> put(@AuthenticationPrincipal AuthenticatedDevice device,
            @Valid @RequestBody PrivacySettings settings) {
        return store.set(device.userId(), settings.visibility())
                .flatMap(saved -> fanout.privacyChanged(device.userId()).thenReturn(new PrivacySettings(saved)));
    }
}
