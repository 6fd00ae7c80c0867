package io.chatserver.protocol;

import io.chatserver.protocol.v1.ErrorCode;

/** A frame that cannot be accepted; carries the numbered error the peer is told. */
public final class FrameException extends RuntimeException {

    private final ErrorCode code;

    public FrameException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public FrameException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
