package io.chatserver.userservice.token;

import com.nimbusds.jose.jwk.JWKSet;
import io.chatserver.platform.security.AccessTokenClaims;
import io.chatserver.platform.security.ChatSecurityProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Signs access tokens (RS256) with the current key; every service verifies them via the JWKS. */
public final class TokenIssuer {

    private final SigningKeys keys;
    private final NimbusJwtEncoder encoder;
    private final TokenProperties tokens;
    private final ChatSecurityProperties security;
    private final Clock clock;
    private final MeterRegistry meters;

    TokenIssuer(SigningKeys keys, TokenProperties tokens, ChatSecurityProperties security, Clock clock,
            MeterRegistry meters) {
        this.keys = keys;
        // The encoder picks the private key named by the header's kid among the keys this replica holds.
        this.encoder = new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.signingJwks())));
        this.tokens = tokens;
        this.security = security;
        this.clock = clock;
        this.meters = meters;
    }

    /** A token for one device; {@code generation} lets services refuse it once the device is replaced. */
    public IssuedToken issue(UUID userId, int deviceId, long generation) {
        SigningKey key = keys.current();
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(security.issuer())
                .audience(List.of(security.audience()))
                .subject(userId.toString())
                .claim(AccessTokenClaims.DEVICE_ID, deviceId)
                .claim(AccessTokenClaims.GENERATION, generation)
                .issuedAt(now)
                .expiresAt(now.plus(tokens.ttl()))
                .id(UUID.randomUUID().toString())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.kid()).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        meters.counter(TokenMetrics.ISSUED).increment();
        return new IssuedToken(token, tokens.ttl());
    }
}
