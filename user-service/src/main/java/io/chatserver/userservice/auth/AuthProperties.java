package io.chatserver.userservice.auth;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Exchanging a device secret for an access token.
 *
 * @param failureLimit  wrong secrets allowed per device within {@code failureWindow}; then 1006
 * @param failureWindow window of {@code failureLimit}, starting with its first failure
 */
@Validated
@ConfigurationProperties("chat.auth")
record AuthProperties(
        @Min(1) @DefaultValue("10") int failureLimit,
        @NotNull @DefaultValue("15m") Duration failureWindow) {
}
