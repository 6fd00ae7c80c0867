package io.chatserver.userservice.registration;

/** Answer to a code request: the number as normalised, and the code's timing. */
record CodeResponse(String phoneNumber, long expiresInSeconds, long resendAfterSeconds) {
}
