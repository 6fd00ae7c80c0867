package io.chatserver.platform.security;

import io.chatserver.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import reactor.test.StepVerifier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenVerifierTest {

    private static Jwt.Builder jwt() {
        return Jwt.withTokenValue("t").header("alg", "RS256")
                .issuedAt(Instant.now().minusSeconds(60)).expiresAt(Instant.now().plusSeconds(60));
    }

    @Test
    void expiryReportedBySpringSecurityIsClassifiedAsExpired() {
        // Pins the wording of Spring Security's own validator, which the classification relies on.
        Jwt stale = jwt().issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .subject(UUID.randomUUID().toString()).build();
        var result = new JwtTimestampValidator().validate(stale);
        JwtValidationException expired = new JwtValidationException("invalid", result.getErrors());

        assertThat(AccessTokenVerifier.classify(expired).code()).isEqualTo(ErrorCode.AUTH_TOKEN_EXPIRED);
    }

    @Test
    void otherValidationFailuresAreInvalid() {
        JwtValidationException wrongIssuer = new JwtValidationException("invalid",
                List.of(new OAuth2Error("invalid_token", "The iss claim is not valid", null)));

        assertThat(AccessTokenVerifier.classify(wrongIssuer).code()).isEqualTo(ErrorCode.AUTH_TOKEN_INVALID);
        assertThat(AccessTokenVerifier.classify(new BadJwtException("bad signature")).code())
                .isEqualTo(ErrorCode.AUTH_TOKEN_INVALID);
    }

    @Test
    void claimsBecomeTheDevice() {
        UUID user = UUID.randomUUID();
        Jwt token = jwt().subject(user.toString()).claim("did", 2).claim("gen", 7L).build();

        assertThat(AccessTokenVerifier.device(token)).isEqualTo(new AuthenticatedDevice(user, 2, 7));
    }

    @Test
    void tokensWithoutProperDeviceClaimsAreInvalid() {
        String user = UUID.randomUUID().toString();
        List<Jwt> broken = List.of(
                jwt().subject("not-a-uuid").claim("did", 1).claim("gen", 1).build(),
                jwt().subject(user).claim("gen", 1).build(),
                jwt().subject(user).claim("did", 1).build(),
                jwt().subject(user).claim("did", 0).claim("gen", 1).build(),
                jwt().subject(user).claim("did", "one").claim("gen", 1).build());

        for (Jwt token : broken) {
            assertThatThrownBy(() -> AccessTokenVerifier.device(token))
                    .isInstanceOfSatisfying(AccessTokenException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_TOKEN_INVALID));
        }
    }

    @Test
    void aMissingTokenIsRefusedBeforeDecoding() {
        AccessTokenVerifier verifier = new AccessTokenVerifier(token -> {
            throw new AssertionError("must not decode");
        }, null);

        StepVerifier.create(verifier.verify(" "))
                .expectErrorSatisfies(e -> assertThat(((AccessTokenException) e).code())
                        .isEqualTo(ErrorCode.AUTH_TOKEN_MISSING))
                .verify();
    }
}
