package io.chatserver.wsmanager.push;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Pong;
import io.chatserver.protocol.v1.ServerFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushInputsTest {

    private static final byte[] PONG = ServerFrame.newBuilder()
            .setPong(Pong.newBuilder().setServerTimeMs(42)).build().toByteArray();

    @Test
    void acceptsABase64ServerFrame() {
        assertThat(PushInputs.serverFrame(Base64.getEncoder().encodeToString(PONG), 1024)).isEqualTo(PONG);
    }

    @Test
    void refusesAFrameOverTheLimitWithFrameTooLarge() {
        String big = Base64.getEncoder().encodeToString(new byte[1025]);
        assertRefused(() -> PushInputs.serverFrame(big, 1024), ErrorCode.FRAME_TOO_LARGE);
    }

    @Test
    void refusesAFrameWithoutBody() {
        String empty = Base64.getEncoder().encodeToString(ServerFrame.newBuilder().setRequestId("r").build().toByteArray());
        assertRefused(() -> PushInputs.serverFrame(empty, 1024), ErrorCode.VALIDATION_FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "////"})
    void refusesWhatIsNotABase64ServerFrame(String value) {
        assertRefused(() -> PushInputs.serverFrame(value, 1024), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void closeReasonMustBeAnErrorThatEndsConnections() {
        assertThat(PushInputs.closeReason("SESSION_DEVICE_SIGNED_OUT")).isEqualTo(ErrorCode.SESSION_DEVICE_SIGNED_OUT);
        assertRefused(() -> PushInputs.closeReason("MALFORMED_REQUEST"), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> PushInputs.closeReason("UNRECOGNIZED"), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> PushInputs.closeReason("no such code"), ErrorCode.VALIDATION_FAILED);
    }

    private static void assertRefused(Runnable call, ErrorCode expected) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ChatException.class,
                e -> assertThat(e.code()).isEqualTo(expected));
    }
}
