package io.chatserver.wshandler.it;

import io.chatserver.platform.security.AccessTokenValidation;
import io.chatserver.platform.security.ChatSecurityProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Access tokens for the tests, signed with a key made per test JVM (test-support's minting); the
 * handler under test verifies them with the same issuer, audience and timestamp checks as in
 * production (only the key differs).
 */
final class TestTokens {

    private static final io.chatserver.testsupport.TestTokens TOKENS = io.chatserver.testsupport.TestTokens.withNewKey();

    private TestTokens() {
    }

    static String valid(UUID userId, int deviceId) {
        return mint(userId, deviceId, 1, Instant.now().plus(Duration.ofMinutes(10)));
    }

    static String mint(UUID userId, int deviceId, long generation, Instant expiresAt) {
        return TOKENS.mint(userId, deviceId, generation, expiresAt.minus(Duration.ofMinutes(15)), expiresAt,
                io.chatserver.testsupport.TestTokens.AUDIENCE);
    }

    /** Replaces the platform's JWKS-backed decoder (user-service is not running in these tests). */
    @TestConfiguration(proxyBeanMethods = false)
    static class DecoderConfiguration {

        @Bean
        ReactiveJwtDecoder testAccessTokenDecoder(ChatSecurityProperties properties, Clock clock) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(TOKENS.publicKey())
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(AccessTokenValidation.validator(properties, clock));
            return decoder;
        }
    }
}
