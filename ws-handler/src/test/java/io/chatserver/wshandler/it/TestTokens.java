package io.chatserver.wshandler.it;

import io.chatserver.platform.security.AccessTokenClaims;
import io.chatserver.platform.security.AccessTokenValidation;
import io.chatserver.platform.security.ChatSecurityProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Access tokens for the tests, signed with a key made per test JVM; the handler under test verifies
 * them with the same issuer, audience and timestamp checks as in production (only the key differs).
 */
final class TestTokens {

    private static final KeyPair KEYS = rsaKeys();
    private static final JwtEncoder ENCODER =
            NimbusJwtEncoder.withKeyPair((RSAPublicKey) KEYS.getPublic(), (RSAPrivateKey) KEYS.getPrivate()).build();

    private TestTokens() {
    }

    static String valid(UUID userId, int deviceId) {
        return mint(userId, deviceId, 1, Instant.now().plus(Duration.ofMinutes(10)));
    }

    static String mint(UUID userId, int deviceId, long generation, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("chatserver")
                .audience(List.of("chatserver"))
                .subject(userId.toString())
                .issuedAt(expiresAt.minus(Duration.ofMinutes(15)))
                .expiresAt(expiresAt)
                .claim(AccessTokenClaims.DEVICE_ID, deviceId)
                .claim(AccessTokenClaims.GENERATION, generation)
                .build();
        return ENCODER.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the platform's JWKS-backed decoder (user-service is not running in these tests). */
    @TestConfiguration(proxyBeanMethods = false)
    static class DecoderConfiguration {

        @Bean
        ReactiveJwtDecoder testAccessTokenDecoder(ChatSecurityProperties properties, Clock clock) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic())
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(AccessTokenValidation.validator(properties, clock));
            return decoder;
        }
    }
}
