package io.chatserver.platform.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How services verify access tokens.
 *
 * @param jwksUri where user-service publishes the public signing keys (JWKS)
 * @param issuer the {@code iss} every token must carry
 * @param audience the {@code aud} every token must carry
 * @param clockSkew tolerance for {@code exp}/{@code nbf} between hosts
 * @param publicPaths request paths that need no token, besides actuator health, info and prometheus
 */
@Validated
@ConfigurationProperties("chat.security")
public record ChatSecurityProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") URI jwksUri,
        @NotBlank @DefaultValue("chatserver") String issuer,
        @NotBlank @DefaultValue("chatserver") String audience,
        @NotNull @DefaultValue("30s") Duration clockSkew,
        @NotNull @DefaultValue({}) List<String> publicPaths) {
}
