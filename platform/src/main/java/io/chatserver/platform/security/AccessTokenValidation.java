package io.chatserver.platform.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Clock;

/**
 * The claim checks every access-token decoder applies (expiry with the injected clock, issuer,
 * audience), so a decoder built elsewhere, e.g. user-service's over its own key store, checks
 * exactly what the others check.
 */
public final class AccessTokenValidation {

    private AccessTokenValidation() {
    }

    public static OAuth2TokenValidator<Jwt> validator(ChatSecurityProperties properties, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(properties.audience()));
    }
}
