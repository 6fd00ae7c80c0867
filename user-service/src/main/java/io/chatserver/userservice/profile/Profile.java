package io.chatserver.userservice.profile;

import java.time.Instant;
import java.util.UUID;

/** A stored profile, as read from the users table. */
record Profile(UUID userId, String phoneNumber, String displayName, String about, UUID photoAssetId, Instant updatedAt) {
}
