package io.chatserver.userservice.profile;

import java.util.UUID;

/**
 * A profile photo as a link (A9): asset-service's {@code GET /v1/profile-photos/{assetId}} gives
 * anybody signed in short-lived URLs of its two sizes (640 and 160 px). Null when there is none.
 */
record ProfilePhoto(String assetId, String link) {

    static ProfilePhoto of(UUID assetId) {
        return assetId == null ? null : new ProfilePhoto(assetId.toString(), "/v1/profile-photos/" + assetId);
    }
}
