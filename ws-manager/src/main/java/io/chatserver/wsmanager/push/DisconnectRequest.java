package io.chatserver.wsmanager.push;

import io.chatserver.wsmanager.registry.RegistryIds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Close a user's device connection (all devices when deviceId is null).
 *
 * @param reason an ErrorCode name that ends connections, e.g. SESSION_DEVICE_SIGNED_OUT
 */
record DisconnectRequest(
        @NotNull @Pattern(regexp = RegistryIds.UUID_PATTERN) String userId,
        @Min(RegistryIds.MIN_DEVICE_ID) @Max(RegistryIds.MAX_DEVICE_ID) Integer deviceId,
        @NotBlank String reason) {
}
