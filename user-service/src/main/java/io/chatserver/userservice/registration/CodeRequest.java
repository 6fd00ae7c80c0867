package io.chatserver.userservice.registration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of POST /v1/registration/codes.
 *
 * @param phoneNumber with + and country code, or national together with {@code region}
 * @param region      ISO 3166-1 alpha-2 country for numbers without +, e.g. "DE"; optional
 */
record CodeRequest(
        @NotNull String phoneNumber,
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code") String region) {
}
