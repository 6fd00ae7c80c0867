package io.chatserver.userservice.registration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Hashes registration codes for storage. A 6-digit code has only a million values, so a plain or
 * even a slow hash could be reversed by trying them all if Redis leaked; an HMAC keyed with a pepper
 * that lives only in configuration cannot. The phone number is mixed in so equal codes sent to two
 * numbers hash differently. Comparing these hashes in Redis leaks nothing useful without the pepper.
 */
final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    CodeHasher(String pepper) {
        this.key = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String hash(String e164, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((e164 + ':' + code).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
