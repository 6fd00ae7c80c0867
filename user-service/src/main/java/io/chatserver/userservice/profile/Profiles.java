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

    Profiles(ProfileStore store) {
        this.store = store;
    }

    Mono<Profile> find(UUID userId) {
        return store.find(userId).switchIfEmpty(notFound(userId));
    }

    Mono<Profile> update(UUID userId, ProfileUpdate update) {
        return store.update(userId, update.trimmedDisplayName(), update.trimmedAbout()).switchIfEmpty(notFound(userId));
    }

    private static Mono<Profile> notFound(UUID userId) {
        return Mono.error(() -> new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no user " + userId));
    }
}
