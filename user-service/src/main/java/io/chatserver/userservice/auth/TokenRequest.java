package io.chatserver.userservice.auth;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Body of POST /v1/auth/tokens: a device proves itself with the secret it got at registration. */
record TokenRequest(
        @NotNull UUID userId,
        @NotNull @Min(1) @Max(1000) Integer deviceId,
        @NotBlank @Size(max = 256) String deviceSecret) {
}
