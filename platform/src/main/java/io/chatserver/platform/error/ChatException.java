package io.chatserver.platform.error;

import io.chatserver.protocol.v1.ErrorCode;

/** A request refused for a reason the client should know: answered as a problem with this code. */
public class ChatException extends RuntimeException {

    private final ErrorCode code;

    public ChatException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
