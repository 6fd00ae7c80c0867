package io.chatserver.userservice.auth;

/** Metric names of the token endpoint. */
final class AuthMetrics {

    /** Token requests, tag {@code outcome}: issued, bad_credentials, rate_limited. */
    static final String TOKEN_REQUESTS = "chat.auth.token.requests";
    static final String OUTCOME = "outcome";

    private AuthMetrics() {
    }
}
