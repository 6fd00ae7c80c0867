package io.chatserver.userservice.profile;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Reads and edits profiles (A9, R34, R35); a missing account is 1401. */
@Component
final class Profiles {

    private final ProfileStore store;
    private final ProfilePhotoAssets photos;

    Profiles(ProfileStore store, ProfilePhotoAssets photos) {
        this.store = store;
        this.photos = photos;
    }

    Mono<Profile> find(UUID userId) {
        return store.find(userId).switchIfEmpty(notFound(userId));
    }

    Mono<Profile> update(UUID userId, ProfileUpdate update) {
        return store.update(userId, update.trimmedDisplayName(), update.trimmedAbout()).switchIfEmpty(notFound(userId));
    }

    /**
     * The uploaded AVATAR asset becomes the profile photo (asset-service checks and sizes it first), and
     * the one it replaces is deleted. The same asset again changes nothing.
     */
    Mono<Profile> setPhoto(UUID userId, UUID assetId) {
        return find(userId).then(photos.use(userId, assetId)).then(changePhoto(userId, assetId));
    }

    /** No profile photo any more; the old one is deleted. */
    Mono<Profile> removePhoto(UUID userId) {
        return changePhoto(userId, null);
    }

    private Mono<Profile> changePhoto(UUID userId, UUID assetId) {
        return store.setPhoto(userId, assetId).switchIfEmpty(Mono.error(() -> notFoundError(userId)))
                .flatMap(change -> change.previous() == null || change.previous().equals(assetId)
                        ? Mono.just(change.profile())
                        : photos.release(userId, change.previous()).thenReturn(change.profile()));
    }

    private static ChatException notFoundError(UUID userId) {
        return new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no user " + userId);
    }

    private static Mono<Profile> notFound(UUID userId) {
        return Mono.error(() -> new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no user " + userId));
    }
}
