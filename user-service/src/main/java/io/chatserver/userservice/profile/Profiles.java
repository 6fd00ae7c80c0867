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
     * The uploaded AVATAR asset becomes the profile photo: asset-service checks and sizes it first, and
     * deletes the one it replaces. The same asset again changes nothing.
     */
    Mono<Profile> setPhoto(UUID userId, UUID assetId) {
        return find(userId).then(photos.use(userId, assetId))
                .then(store.setPhoto(userId, assetId, null))
                .switchIfEmpty(Mono.error(() -> notFoundError(userId)));
    }

    /**
     * No profile photo any more. asset-service deletes it first, so a photo the user removed is never
     * left public: if it cannot, 2206 and the profile keeps it (try again). A photo set meanwhile stays.
     */
    Mono<Profile> removePhoto(UUID userId) {
        return find(userId).flatMap(profile -> profile.photoAssetId() == null ? Mono.just(profile)
                : photos.release(userId, profile.photoAssetId())
                        .then(store.setPhoto(userId, null, profile.photoAssetId()))
                        .switchIfEmpty(Mono.error(() -> notFoundError(userId))));
    }

    private static ChatException notFoundError(UUID userId) {
        return new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no user " + userId);
    }

    private static Mono<Profile> notFound(UUID userId) {
        return Mono.error(() -> new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no user " + userId));
    }
}
