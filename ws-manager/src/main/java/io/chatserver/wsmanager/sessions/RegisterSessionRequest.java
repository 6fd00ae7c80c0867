package io.chatserver.wsmanager.sessions;

import io.chatserver.wsmanager.registry.RegistryIds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;

/**
 * A ws-handler accepted an authenticated connection and registers it. connectedAt is the handshake
 * time on the handler (optional: now, from a handler that does not send it).
 */
record RegisterSessionRequest(
        @NotNull @Pattern(regexp = RegistryIds.UUID_PATTERN) String userId,
        @NotNull @Min(RegistryIds.MIN_DEVICE_ID) @Max(RegistryIds.MAX_DEVICE_ID) Integer deviceId,
        @NotNull @Pattern(regexp = RegistryIds.ID_PATTERN) String sessionId,
        @NotNull @Pattern(regexp = RegistryIds.ID_PATTERN) String handlerId,
        Instant connectedAt) {
}
