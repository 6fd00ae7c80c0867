package io.chatserver.protocol;

import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Ping;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec();

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void clientFrameSurvivesARoundTrip(WireFormat format) {
        ClientFrame ping = ClientFrame.newBuilder().setRequestId("r-1")
                .setPing(Ping.newBuilder().setClientTimeMs(1_700_000_000_123L)).build();

        assertThat(codec.decodeClientFrame(format, codec.encode(format, ping))).isEqualTo(ping);
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void serverFrameSurvivesARoundTrip(WireFormat format) {
        ServerFrame welcome = ServerFrame.newBuilder().setWelcome(Welcome.newBuilder()
                .setUserId("u").setDeviceId(1).setSessionId("s").setHandlerId("h").setMaxFrameBytes(65536)).build();

        assertThat(codec.decodeServerFrame(format, codec.encode(format, welcome))).isEqualTo(welcome);
    }

    @Test
    void jsonUsesCamelCaseNamesAndStringInt64s() {
        ClientFrame ping = ClientFrame.newBuilder().setRequestId("7")
                .setPing(Ping.newBuilder().setClientTimeMs(42)).build();

        assertThat(new String(codec.encode(WireFormat.JSON, ping), StandardCharsets.UTF_8))
                .isEqualTo("{\"requestId\":\"7\",\"ping\":{\"clientTimeMs\":\"42\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"requestId\":", "[1,2]", "{\"ping\":{},\"unknownField\":1}",
            "{\"ping\":{\"clientTimeMs\":\"abc\"}}", "{\"requestId\":\"' OR 1=1 --\",\"ping\":\"x\"}"})
    void malformedJsonIsRefusedWithMalformedRequest(String text) {
        assertThatThrownBy(() -> codec.decodeClientFrame(WireFormat.JSON, text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(FrameException.class,
                        e -> assertThat(e.code()).isIn(ErrorCode.MALFORMED_REQUEST, ErrorCode.UNSUPPORTED_FRAME));
    }

    @Test
    void garbageBinaryIsRefusedWithMalformedRequest() {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0x02};

        assertThatThrownBy(() -> codec.decodeClientFrame(WireFormat.PROTOBUF, garbage))
                .isInstanceOfSatisfying(FrameException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void frameWithoutBodyIsRefusedAsUnsupported() {
        byte[] empty = codec.encode(WireFormat.JSON, ClientFrame.newBuilder().setRequestId("1").build());

        assertThatThrownBy(() -> codec.decodeClientFrame(WireFormat.JSON, empty))
                .isInstanceOfSatisfying(FrameException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FRAME));
    }

    @Test
    void overlongRequestIdIsRefused() {
        ClientFrame frame = ClientFrame.newBuilder().setRequestId("x".repeat(65))
                .setPing(Ping.getDefaultInstance()).build();

        assertThatThrownBy(() -> codec.decodeClientFrame(WireFormat.PROTOBUF, frame.toByteArray()))
                .isInstanceOfSatisfying(FrameException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void subprotocolNamesSelectTheFormat() {
        assertThat(WireFormat.fromSubprotocol("chat.v1.json")).contains(WireFormat.JSON);
        assertThat(WireFormat.fromSubprotocol("chat.v1.proto")).contains(WireFormat.PROTOBUF);
        assertThat(WireFormat.fromSubprotocol("chat.v2.json")).isEmpty();
    }
}
