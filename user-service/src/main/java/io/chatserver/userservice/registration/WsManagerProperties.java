package io.chatserver.userservice.registration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * How user-service reaches ws-manager to sign out a replaced device.
 *
 * @param wsManagerUrl      base URL of ws-manager's internal API
 * @param disconnectTimeout how long a disconnect request may take before it is given up (best effort)
 */
@Validated
@ConfigurationProperties("chat.user-service")
record WsManagerProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8082") URI wsManagerUrl,
        @NotNull @DefaultValue("2s") Duration disconnectTimeout) {
}
