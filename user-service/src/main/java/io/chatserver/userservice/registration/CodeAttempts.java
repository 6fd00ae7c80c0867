package io.chatserver.userservice.registration;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;

/**
 * What a code check means for the client. The counting itself happens atomically in
 * registration-check.lua; this turns its answer into an outcome or a numbered refusal.
 */
final class CodeAttempts {

    static final int ACCEPTED = 0;
    static final int WRONG = 1;
    static final int BURNT = 2;
    static final int EXPIRED = 3;

    private CodeAttempts() {
    }

    /** The script's answer: status and wrong attempts counted so far. */
    record Result(int status, int wrongAttempts) {
    }

    /** Returns normally when the code was accepted, else throws the matching refusal. */
    static void requireAccepted(Result result, int allowedAttempts) {
        switch (result.status()) {
            case ACCEPTED -> {
            }
            case WRONG -> throw new ChatException(ErrorCode.REGISTRATION_CODE_WRONG,
                    "code: wrong; " + attemptsLeft(result.wrongAttempts(), allowedAttempts) + " attempts left");
            case BURNT -> throw new ChatException(ErrorCode.REGISTRATION_TOO_MANY_ATTEMPTS,
                    "code: " + allowedAttempts + " wrong attempts; ask for a new code");
            case EXPIRED -> throw new ChatException(ErrorCode.REGISTRATION_CODE_EXPIRED,
                    "code: expired, already used or never sent to this number");
            default -> throw new IllegalStateException("unknown code check status " + result.status());
        }
    }

    static int attemptsLeft(int wrongAttempts, int allowedAttempts) {
        return Math.max(0, allowedAttempts - wrongAttempts);
    }
}
