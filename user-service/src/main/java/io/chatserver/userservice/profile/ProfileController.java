package io.chatserver.userservice.profile;

import io.chatserver.platform.security.AuthenticatedDevice;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Profiles (A9): the caller's own, editable; others', read-only and without phone numbers. */
@RestController
final class ProfileController {

    private final Profiles profiles;

    ProfileController(Profiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/v1/profiles/me")
    Mono<OwnProfileResponse> mine(@AuthenticationPrincipal AuthenticatedDevice device) {
        return profiles.find(device.userId()).map(OwnProfileResponse::of);
    }

    @PutMapping("/v1/profiles/me")
    Mono<OwnProfileResponse> update(@AuthenticationPrincipal AuthenticatedDevice device,
            @Valid @RequestBody ProfileUpdate update) {
        return profiles.update(device.userId(), update).map(OwnProfileResponse::of);
    }

    /** R34: the profile photo, an asset the caller uploaded with kind AVATAR. */
    @PutMapping("/v1/profiles/me/photo")
    Mono<OwnProfileResponse> setPhoto(@AuthenticationPrincipal AuthenticatedDevice device,
            @Valid @RequestBody PhotoUpdate update) {
        return profiles.setPhoto(device.userId(), update.assetId()).map(OwnProfileResponse::of);
    }

    @DeleteMapping("/v1/profiles/me/photo")
    Mono<OwnProfileResponse> removePhoto(@AuthenticationPrincipal AuthenticatedDevice device) {
        return profiles.removePhoto(device.userId()).map(OwnProfileResponse::of);
    }

    @GetMapping("/v1/profiles/{userId}")
    Mono<PublicProfileResponse> other(@PathVariable UUID userId) {
        return profiles.find(userId).map(PublicProfileResponse::of);
    }
}
