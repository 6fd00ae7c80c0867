package io.chatserver.userservice.registration;

/**
 * The device's credentials: {@code deviceSecret} is shown this once and is its password from now on.
 */
record VerificationResponse(String userId, int deviceId, String deviceSecret, boolean newAccount) {
}
