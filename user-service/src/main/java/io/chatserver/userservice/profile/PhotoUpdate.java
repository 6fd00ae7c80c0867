package io.chatserver.userservice.profile;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** Body of PUT /v1/profiles/me/photo: an asset the caller uploaded to asset-service with kind AVATAR. */
record PhotoUpdate(@NotNull UUID assetId) {
}
