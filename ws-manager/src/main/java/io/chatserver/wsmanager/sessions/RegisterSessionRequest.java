package io.chatserver.wsmanager.sessions;

import io.chatserver.wsmanager.registry.RegistryIds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A ws-handler accepted an authenticated connection and registers it. ageMs is how long ago its
 * handshake began, on the handler's clock (optional: 0). ws-manager dates the session by its own
 * clock minus that, so a handler whose clock is off never decides which session is newer.
 */
record RegisterSessionRequest(
        @NotNull @Pattern(regexp = RegistryIds.UUID_PATTERN) String userId,
        @NotNull @Min(RegistryIds.MIN_DEVICE_ID) @Max(RegistryIds.MAX_DEVICE_ID) Integer deviceId,
        @NotNull @Pattern(regexp = RegistryIds.ID_PATTERN) String sessionId,
        @NotNull @Pattern(regexp = RegistryIds.ID_PATTERN) String handlerId,
        @Min(0) Long ageMs) {
}
