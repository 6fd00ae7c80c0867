package io.chatserver.userservice.token;

import com.nimbusds.jose.jwk.RSAKey;

import java.time.Instant;

/**
 * One RSA signing key.
 *
 * @param activatesAt from when it signs; it is published earlier (see {@link KeySchedule})
 * @param jwk         the key pair as a JWK, with its kid
 */
record SigningKey(String kid, Instant activatesAt, RSAKey jwk) {
}
