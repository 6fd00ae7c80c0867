package io.chatserver.wshandler.messaging;

import io.chatserver.protocol.v1.ErrorCode;

/** message-service refused a call (its problem's code) or could not be reached (2004). */
public final class MessageServiceException extends RuntimeException {

    private final ErrorCode code;

    public MessageServiceException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
