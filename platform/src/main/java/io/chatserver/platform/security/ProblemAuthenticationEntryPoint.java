package io.chatserver.platform.security;

import io.chatserver.platform.error.Problems;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Answers a refused token with an RFC 9457 problem naming the reason (missing, expired, revoked...). */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        ErrorCode code = codeFor(failure);
        return Problems.write(exchange, code, code == ErrorCode.AUTH_TOKEN_MISSING ? null : failure.getMessage());
    }

    static ErrorCode codeFor(AuthenticationException failure) {
        if (failure instanceof AccessTokenException refused) {
            return refused.code();
        }
        // A malformed Authorization header; a request with no token at all arrives here as "insufficient".
        return failure instanceof OAuth2AuthenticationException ? ErrorCode.AUTH_TOKEN_INVALID : ErrorCode.AUTH_TOKEN_MISSING;
    }
}
