package io.chatserver.userservice.account;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Device secrets: the key a device uses as its password (A10). 32 random bytes are far beyond any
 * brute force, so a single SHA-256 is enough to store them; slow password hashes exist for
 * low-entropy, human-chosen passwords and would only cost CPU on every token request here.
 */
@Component
public final class DeviceSecrets {

    static final int SECRET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    /** A new secret, base64url without padding (43 characters). */
    public String generate() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Constant-time comparison, so timing does not reveal how much of a guess was right. */
    public boolean matches(String secret, byte[] storedHash) {
        return MessageDigest.isEqual(hash(secret), storedHash);
    }
}
