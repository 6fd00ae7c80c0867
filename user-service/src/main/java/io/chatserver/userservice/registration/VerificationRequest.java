package io.chatserver.userservice.registration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of POST /v1/registration/verifications.
 *
 * @param phoneNumber the number the code was sent to (any form the code request accepted)
 * @param code        the six digits from the SMS
 * @param deviceName  a label for the device, e.g. "Pixel 8"; optional
 */
record VerificationRequest(
        @NotNull String phoneNumber,
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code") String region,
        @NotNull @Pattern(regexp = "[0-9]{6}", message = "must be six digits") String code,
        @Size(max = 64) String deviceName) {
}
