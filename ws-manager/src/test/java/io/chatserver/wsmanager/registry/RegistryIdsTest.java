package io.chatserver.wsmanager.registry;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryIdsTest {

    @Test
    void acceptsAndNormalisesUuids() {
        assertThat(RegistryIds.userId("6F9619FF-8B86-D011-B42D-00C04FC964FF"))
                .isEqualTo(UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not-a-uuid", "6f9619ff8b86d011b42d00c04fc964ff", "6f9619ff-8b86-d011-b42d-00c04fc964ff0"})
    void refusesOtherUserIds(String value) {
        assertRefused(() -> RegistryIds.userId(value), "userId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "64"})
    void acceptsDeviceIdsFrom1To64(String value) {
        assertThat(RegistryIds.deviceId(value)).isEqualTo(Integer.parseInt(value));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"0", "65", "-1", "one", "1.5", ""})
    void refusesOtherDeviceIds(String value) {
        assertRefused(() -> RegistryIds.deviceId(value), "deviceId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws-handler-1", "a", "A.b_c-9", "0123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsHandlerAndSessionIdsOfTheSafeAlphabet(String value) {
        assertThat(RegistryIds.handlerId(value)).isEqualTo(value);
        assertThat(RegistryIds.sessionId(value)).isEqualTo(value);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "a|b", "a b", "a:b", "ü", "01234567890123456789012345678901234567890123456789012345678901234"})
    void refusesIdsThatCouldBreakTheRedisLayout(String value) {
        assertRefused(() -> RegistryIds.handlerId(value), "handlerId");
        assertRefused(() -> RegistryIds.sessionId(value), "sessionId");
    }

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageContaining(field);
    }
}
