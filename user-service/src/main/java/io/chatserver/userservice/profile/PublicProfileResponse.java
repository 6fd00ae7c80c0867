package io.chatserver.userservice.profile;

/** Another user's profile: no phone number. */
record PublicProfileResponse(String userId, String displayName, String about, ProfilePhoto photo) {

    static PublicProfileResponse of(Profile profile) {
        return new PublicProfileResponse(profile.userId().toString(), profile.displayName(), profile.about(),
                ProfilePhoto.of(profile.photoAssetId()));
    }
}
