package io.chatserver.messageservice.send;

import io.chatserver.protocol.v1.SendMessage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over everything that makes a message what it is: a retry must match it exactly. */
public final class MessageFingerprint {

    private MessageFingerprint() {
    }

    static byte[] of(SendMessage message) {
        // The protobuf encoding of the message itself is deterministic for one schema version.
        return of(message.toBuilder().clearClientMessageId().build().toByteArray());
    }

    /** SHA-256 of what a retry must repeat exactly. */
    public static byte[] of(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
