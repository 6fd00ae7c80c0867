package io.chatserver.messageservice.receipt;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;

import java.util.UUID;
import java.util.regex.Pattern;

/** The caller's user and device as ws-handler passes them, checked before use. */
final class CallerIds {

    // Checked like a send's ids: UUID.fromString would throw (a 500) or accept non-canonical forms.
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private CallerIds() {
    }

    static UUID user(String value, String field) {
        if (!CANONICAL_UUID.matcher(value).matches()) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, field + " must be a UUID in lower-case canonical form");
        }
        return UUID.fromString(value);
    }

    static int device(int value, String field) {
        if (value < 1) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, field + " must be positive");
        }
        return value;
    }
}
