package io.chatserver.protocol;

import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Errors;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/** Reads the HTTP status, close code and default text that errors.proto attaches to each error code. */
public final class ErrorCodes {

    /** RFC 6455 limits a close reason to 123 bytes of UTF-8. */
    static final int MAX_CLOSE_REASON_BYTES = 123;

    private ErrorCodes() {
    }

    public static int httpStatus(ErrorCode code) {
        int status = code.getValueDescriptor().getOptions().getExtension(Errors.httpStatus);
        return status == 0 ? 500 : status;
    }

    /** The WebSocket close code for errors that end a connection; empty for those that do not. */
    public static OptionalInt closeCode(ErrorCode code) {
        int closeCode = code.getValueDescriptor().getOptions().getExtension(Errors.wsCloseCode);
        return closeCode == 0 ? OptionalInt.empty() : OptionalInt.of(closeCode);
    }

    public static String defaultMessage(ErrorCode code) {
        String message = code.getValueDescriptor().getOptions().getExtension(Errors.defaultMessage);
        return message.isEmpty() ? code.name() : message;
    }

    /** "1203 The access token has expired; get a new one.": the number first so clients can parse it. */
    public static String closeReason(ErrorCode code) {
        return truncateUtf8(code.getNumber() + " " + defaultMessage(code), MAX_CLOSE_REASON_BYTES);
    }

    /** The error number at the start of a close reason written by {@link #closeReason}, if any. */
    public static ErrorCode fromCloseReason(String reason) {
        if (reason == null) {
            return ErrorCode.ERROR_CODE_UNSPECIFIED;
        }
        int end = reason.indexOf(' ');
        String number = end < 0 ? reason : reason.substring(0, end);
        try {
            ErrorCode code = ErrorCode.forNumber(Integer.parseInt(number));
            return code == null ? ErrorCode.ERROR_CODE_UNSPECIFIED : code;
        } catch (NumberFormatException e) {
            return ErrorCode.ERROR_CODE_UNSPECIFIED;
        }
    }

    static String truncateUtf8(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int end = maxBytes;
        // Step back over UTF-8 continuation bytes so no character is cut in half.
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
