package io.chatserver.userservice.registration;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeAttemptsTest {

    private static final int ALLOWED = 5;

    @Test
    void acceptedPasses() {
        assertThatCode(() -> CodeAttempts.requireAccepted(new CodeAttempts.Result(CodeAttempts.ACCEPTED, 2), ALLOWED))
                .doesNotThrowAnyException();
    }

    @Test
    void wrongCodeSaysHowManyAttemptsAreLeft() {
        assertThatThrownBy(() -> CodeAttempts.requireAccepted(new CodeAttempts.Result(CodeAttempts.WRONG, 3), ALLOWED))
                .isInstanceOfSatisfying(ChatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REGISTRATION_CODE_WRONG);
                    assertThat(e.getMessage()).contains("2 attempts left");
                });
    }

    @Test
    void burntAndExpiredHaveTheirOwnCodes() {
        assertThatThrownBy(() -> CodeAttempts.requireAccepted(new CodeAttempts.Result(CodeAttempts.BURNT, 5), ALLOWED))
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRATION_TOO_MANY_ATTEMPTS));
        assertThatThrownBy(() -> CodeAttempts.requireAccepted(new CodeAttempts.Result(CodeAttempts.EXPIRED, 0), ALLOWED))
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRATION_CODE_EXPIRED));
    }

    @Test
    void attemptsLeftNeverGoesNegative() {
        assertThat(CodeAttempts.attemptsLeft(0, ALLOWED)).isEqualTo(5);
        assertThat(CodeAttempts.attemptsLeft(4, ALLOWED)).isEqualTo(1);
        assertThat(CodeAttempts.attemptsLeft(7, ALLOWED)).isZero();
    }

    @Test
    void unknownStatusIsABug() {
        assertThatThrownBy(() -> CodeAttempts.requireAccepted(new CodeAttempts.Result(9, 0), ALLOWED))
                .isInstanceOf(IllegalStateException.class);
    }
}
