package io.chatserver.userservice.auth;

/** An access token for the Authorization header ({@code Bearer <accessToken>}). */
record TokenResponse(String accessToken, String tokenType, long expiresInSeconds) {
}
