package io.chatserver.platform.security;

import io.chatserver.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemAuthenticationEntryPointTest {

    @Test
    void eachRefusalGetsItsOwnCode() {
        assertThat(ProblemAuthenticationEntryPoint.codeFor(
                new AccessTokenException(ErrorCode.AUTH_TOKEN_REVOKED, "revoked"))).isEqualTo(ErrorCode.AUTH_TOKEN_REVOKED);
        assertThat(ProblemAuthenticationEntryPoint.codeFor(
                new InvalidBearerTokenException("Bearer token is malformed"))).isEqualTo(ErrorCode.AUTH_TOKEN_INVALID);
        assertThat(ProblemAuthenticationEntryPoint.codeFor(
                new InsufficientAuthenticationException("no token"))).isEqualTo(ErrorCode.AUTH_TOKEN_MISSING);
    }
}
