package io.chatserver.userservice.profile;

import java.time.Instant;

/** The caller's own profile, with the phone number only they may see. */
record OwnProfileResponse(String userId, String phoneNumber, String displayName, String about, ProfilePhoto photo,
        Instant updatedAt) {

    static OwnProfileResponse of(Profile profile) {
        return new OwnProfileResponse(profile.userId().toString(), profile.phoneNumber(), profile.displayName(),
                profile.about(), ProfilePhoto.of(profile.photoAssetId()), profile.updatedAt());
    }
}
