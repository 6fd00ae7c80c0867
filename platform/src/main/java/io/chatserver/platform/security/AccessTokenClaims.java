package io.chatserver.platform.security;

/** Claim names of the access tokens user-service signs and every service verifies. */
public final class AccessTokenClaims {

    /** Device id within the user (1 is the primary phone). */
    public static final String DEVICE_ID = "did";
    /** Device credential generation; tokens older than the current one are revoked. */
    public static final String GENERATION = "gen";

    private AccessTokenClaims() {
    }
}
