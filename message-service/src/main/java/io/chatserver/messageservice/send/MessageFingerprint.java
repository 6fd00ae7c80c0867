package io.chatserver.messageservice.send;

import io.chatserver.protocol.v1.SendMessage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over everything that makes a message what it is: a retry must match it exactly. */
final class MessageFingerprint {

    private MessageFingerprint() {
    }

    static byte[] of(SendMessage message) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // The protobuf encoding of the message itself is deterministic for one schema version.
            digest.update(message.toBuilder().clearClientMessageId().build().toByteArray());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
