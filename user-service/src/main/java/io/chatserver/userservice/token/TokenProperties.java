package io.chatserver.userservice.token;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Access tokens and the keys that sign them.
 *
 * @param ttl             lifetime of an access token
 * @param keyRotation     how long a signing key signs before the next one takes over
 * @param keyPublishLead  how long a new key is published before it signs, so every replica and
 *                        every verifier's JWKS cache knows it in time; keep it above {@code keyCheckInterval}
 * @param keyCheckInterval how often a replica reloads the keys and rotates when due
 * @param keySize         RSA modulus bits of new keys
 */
@Validated
@ConfigurationProperties("chat.tokens")
public record TokenProperties(
        @NotNull @DefaultValue("10m") Duration ttl,
        @NotNull @DefaultValue("30d") Duration keyRotation,
        @NotNull @DefaultValue("5m") Duration keyPublishLead,
        @NotNull @DefaultValue("1m") Duration keyCheckInterval,
        @Min(2048) @Max(8192) @DefaultValue("2048") int keySize) {
}
