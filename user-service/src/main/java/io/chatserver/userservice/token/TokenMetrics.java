package io.chatserver.userservice.token;

/** Metric names of access tokens and signing keys. */
final class TokenMetrics {

    /** Signing keys created by this replica (first start, schedule or forced). */
    static final String KEY_ROTATIONS = "chat.tokens.key.rotations";
    /** Access tokens signed. */
    static final String ISSUED = "chat.tokens.issued";

    private TokenMetrics() {
    }
}
