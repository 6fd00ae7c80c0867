package io.chatserver.platform.security;

import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.security.core.AuthenticationException;

/** An access token was refused; the code tells missing, invalid, expired and revoked apart. */
public final class AccessTokenException extends AuthenticationException {

    private final ErrorCode code;

    public AccessTokenException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public AccessTokenException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
