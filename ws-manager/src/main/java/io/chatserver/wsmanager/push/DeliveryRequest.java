package io.chatserver.wsmanager.push;

import io.chatserver.wsmanager.registry.RegistryIds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A frame to push to a user's device, or to all the user's connected devices when deviceId is null.
 *
 * @param serverFrame a serialized chat.v1.ServerFrame (protobuf binary), base64
 */
record DeliveryRequest(
        @NotNull @Pattern(regexp = RegistryIds.UUID_PATTERN) String userId,
        @Min(RegistryIds.MIN_DEVICE_ID) @Max(RegistryIds.MAX_DEVICE_ID) Integer deviceId,
        @NotBlank String serverFrame) {
}
