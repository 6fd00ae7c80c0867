package io.chatserver.userservice.profile;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * How user-service reaches asset-service for profile photos.
 *
 * @param assetServiceUrl     base URL of asset-service (its internal API)
 * @param assetServiceTimeout how long a call may take; putting a photo in use decodes it (about 0.1 s)
 */
@Validated
@ConfigurationProperties("chat.user-service")
record AssetServiceProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8086") URI assetServiceUrl,
        @NotNull @DefaultValue("10s") Duration assetServiceTimeout) {
}
