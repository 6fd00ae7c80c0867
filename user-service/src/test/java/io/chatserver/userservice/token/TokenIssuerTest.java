package io.chatserver.userservice.token;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.chatserver.platform.security.ChatSecurityProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.net.URI;
import java.security.KeyPair;
import java.text.ParseException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenIssuerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final UUID USER = UUID.fromString("5b0c6c1e-7a54-4c39-9f0e-2b7f4c1d9a10");

    private final TokenProperties tokens = new TokenProperties(Duration.ofMinutes(10), Duration.ofDays(30),
            Duration.ofMinutes(5), Duration.ofMinutes(1), 2048);
    private final ChatSecurityProperties security = new ChatSecurityProperties(
            URI.create("http://127.0.0.1:8081/.well-known/jwks.json"), "chatserver", "chatserver", Duration.ofSeconds(30), List.of());
    private final KeyPair pair = KeyCodec.generate(2048);
    private final SigningKey key = new SigningKey("kid-1", NOW.minusSeconds(60),
            KeyCodec.toJwk("kid-1", KeyCodec.encodePrivate(pair), KeyCodec.encodePublic(pair)));

    @Test
    void tokenCarriesTheAgreedClaimsAndVerifiesWithThePublicKey() throws Exception {
        IssuedToken token = issuer(key).issue(USER, 1, 3);

        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) pair.getPublic()).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(CLOCK);
        decoder.setJwtValidator(timestamps);
        Jwt jwt = decoder.decode(token.value());
        assertThat(jwt.getSubject()).isEqualTo(USER.toString());
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("chatserver");
        assertThat(jwt.getAudience()).containsExactly("chatserver");
        assertThat(((Number) jwt.getClaim("did")).intValue()).isEqualTo(1);
        assertThat(((Number) jwt.getClaim("gen")).longValue()).isEqualTo(3);
        assertThat(jwt.getIssuedAt()).isEqualTo(NOW);
        assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(jwt.getId()).isNotBlank();
        assertThat(token.ttl()).isEqualTo(Duration.ofMinutes(10));

        var header = SignedJWT.parse(token.value()).getHeader();
        assertThat(header.getKeyID()).isEqualTo("kid-1");
        assertThat(header.getAlgorithm().getName()).isEqualTo("RS256");
    }

    @Test
    void everyTokenHasItsOwnId() {
        TokenIssuer issuer = issuer(key);
        assertThat(jti(issuer.issue(USER, 1, 1))).isNotEqualTo(jti(issuer.issue(USER, 1, 1)));
    }

    @Test
    void anotherKeyDoesNotVerifyTheToken() {
        IssuedToken token = issuer(key).issue(USER, 1, 1);
        RSAPublicKey other = (RSAPublicKey) KeyCodec.generate(2048).getPublic();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(other).build();
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        assertThatThrownBy(() -> decoder.decode(token.value()))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void signsWithTheKeyActiveNowAndPublishesOnlyPublicParts() throws Exception {
        KeyPair nextPair = KeyCodec.generate(2048);
        RSAKey nextJwk = KeyCodec.toJwk("kid-2", KeyCodec.encodePrivate(nextPair), KeyCodec.encodePublic(nextPair));
        SigningKeys keys = keys(key, new SigningKey("kid-2", NOW.plusSeconds(60), nextJwk));
        String token = new TokenIssuer(keys, tokens, security, CLOCK, new SimpleMeterRegistry()).issue(USER, 1, 1).value();
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("kid-1");
        assertThat(keys.published()).extracting(jwk -> jwk.getKeyID()).containsExactly("kid-1", "kid-2");
        assertThat(keys.published()).allSatisfy(jwk -> assertThat(jwk.isPrivate()).isFalse());
    }

    private TokenIssuer issuer(SigningKey signingKey) {
        return new TokenIssuer(keys(signingKey), tokens, security, CLOCK, new SimpleMeterRegistry());
    }

    private SigningKeys keys(SigningKey... loaded) {
        SigningKeys keys = new SigningKeys(null, tokens, security, CLOCK);
        keys.use(List.of(loaded));
        return keys;
    }

    private static String jti(IssuedToken token) {
        try {
            return SignedJWT.parse(token.value()).getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
