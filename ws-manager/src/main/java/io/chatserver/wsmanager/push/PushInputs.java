package io.chatserver.wsmanager.push;

import com.google.protobuf.InvalidProtocolBufferException;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.ErrorCodes;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;

import java.util.Base64;

/** Checks of push inputs that annotations cannot express. */
final class PushInputs {

    private PushInputs() {
    }

    /** Decodes and checks a base64 ServerFrame: size first (cheap), then that it parses and has a body. */
    static byte[] serverFrame(String base64, int maxBytes) {
        if (base64.length() > (maxBytes + 2) / 3 * 4) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "serverFrame is not valid base64");
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            if (ServerFrame.parseFrom(bytes).getBodyCase() == ServerFrame.BodyCase.BODY_NOT_SET) {
                throw new ChatException(ErrorCode.VALIDATION_FAILED, "serverFrame has no body");
            }
        } catch (InvalidProtocolBufferException e) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "serverFrame is not a chat.v1.ServerFrame");
        }
        return bytes;
    }

    private static ChatException tooLarge(int maxBytes) {
        return new ChatException(ErrorCode.FRAME_TOO_LARGE, "serverFrame is larger than " + maxBytes + " bytes");
    }

    /** An ErrorCode name whose error ends connections (it has a WebSocket close code). */
    static ErrorCode closeReason(String name) {
        ErrorCode code;
        try {
            code = ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "reason is not an error code name");
        }
        if (code == ErrorCode.UNRECOGNIZED || ErrorCodes.closeCode(code).isEmpty()) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "reason " + name + " does not close connections");
        }
        return code;
    }
}
