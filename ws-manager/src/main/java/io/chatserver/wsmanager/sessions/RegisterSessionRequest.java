package io.chatserver.wsmanager.sessions;

import io.chatserver.wsmanager.registry.RegistryIds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A ws-handler accepted an authenticated connection and registers it. startedAtMs (when its handshake
 * began) and deadlineMs (when the handler stops waiting for this answer and refuses the handshake) are
 * on the handler's clock; ws-manager translates them with the offset it learned from the handler's
 * lease renewals ({@link HandlerClocks}), so a handler whose clock is off never decides which session
 * is newer, and a registration that arrives after its handler gave up changes nothing. Before an
 * offset is known (or from an older handler) it dates the session by its own clock minus ageMs (how
 * long ago the handshake began; optional: 0).
 */
record RegisterSessionRequest(
        @NotNull @Pattern(regexp = RegistryIds.UUID_PATTERN) String userId,
        @NotNull @Min(RegistryIds.MIN_DEVICE_ID) @Max(RegistryIds.MAX_DEVICE_ID) Integer deviceId,
        @NotNull @Pattern(regexp = RegistryIds.ID_PATTERN) String sessionId,
        @NotNull @Pattern(regexp = RegistryIds.ID_PATTERN) String handlerId,
        @Min(0) Long ageMs,
        @Min(0) Long startedAtMs,
        @Min(0) Long deadlineMs) {
}
