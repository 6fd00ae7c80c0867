package io.chatserver.wshandler.it;

import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Ping;
import io.chatserver.protocol.v1.ServerFrame;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Sub-protocols, the app-level Ping, malformed frames (answered, connection kept) and the frame limit. */
class ProtocolIT extends HandlerIT {

    private final UUID user = UUID.randomUUID();

    private static ClientFrame ping(String requestId, long clientTime) {
        return ClientFrame.newBuilder().setRequestId(requestId)
                .setPing(Ping.newBuilder().setClientTimeMs(clientTime)).build();
    }

    private static void assertPong(ServerFrame frame, String requestId, long clientTime) {
        assertThat(frame.getRequestId()).isEqualTo(requestId);
        assertThat(frame.getPong().getClientTimeMs()).isEqualTo(clientTime);
        assertThat(frame.getPong().getServerTimeMs()).isPositive();
    }

    private static void assertError(ServerFrame frame, ErrorCode code, String requestId) {
        assertThat(frame.getBodyCase()).isEqualTo(ServerFrame.BodyCase.ERROR);
        assertThat(frame.getError().getCode()).isEqualTo(code);
        assertThat(frame.getRequestId()).isEqualTo(requestId);
    }

    @Test
    void onlyUnknownSubprotocolsCloseWith4400() {
        try (TestSocket socket = TestSocket.connect(endpoint(), TestTokens.valid(user, 1), "chat.v9.xml")) {
            TestSocket.Closed closed = socket.awaitClose();
            assertThat(closed.code()).isEqualTo(4400);
            assertThat(closed.reason()).startsWith("1005 ");
        }
    }

    @Test
    void theFirstKnownOfSeveralOfferedSubprotocolsIsChosen() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, "chat.v9.xml", PROTO, JSON)) {
            assertThat(socket.format().subprotocol()).isEqualTo(PROTO);
            assertThat(socket.binaryFrames()).isEqualTo(1);
        }
    }

    @Test
    void aJsonPingGetsAPong() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, JSON)) {
            socket.sendText("{\"requestId\":\"r-1\",\"ping\":{\"clientTimeMs\":\"1234\"}}");
            assertPong(socket.next(), "r-1", 1234);
            assertThat(socket.binaryFrames()).isZero();
        }
    }

    @Test
    void aProtobufPingGetsAPong() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, PROTO)) {
            socket.send(ping("r-2", 99));
            assertPong(socket.next(), "r-2", 99);
            assertThat(socket.textFrames()).isZero();
        }
    }

    @Test
    void malformedJsonGetsError1001AndTheConnectionStaysUsable() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, JSON)) {
            socket.sendText("{\"requestId\": \"r-3\", \"ping\": ");
            assertError(socket.next(), ErrorCode.MALFORMED_REQUEST, "");

            socket.send(ping("r-4", 5));
            assertPong(socket.next(), "r-4", 5);
        }
    }

    @Test
    void anUnknownFieldGetsError1001WithTheRequestIdEchoed() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, JSON)) {
            socket.sendText("{\"requestId\":\"r-5\",\"ping\":{},\"surprise\":true}");
            assertError(socket.next(), ErrorCode.MALFORMED_REQUEST, "r-5");
        }
    }

    @Test
    void aFrameWithoutBodyGetsError1004() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, JSON)) {
            socket.sendText("{\"requestId\":\"r-6\"}");
            assertError(socket.next(), ErrorCode.UNSUPPORTED_FRAME, "r-6");
        }
    }

    @Test
    void garbageBinaryGetsError1001() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, PROTO)) {
            socket.sendBinary(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
            assertError(socket.next(), ErrorCode.MALFORMED_REQUEST, "");
            socket.send(ping("r-7", 1));
            assertPong(socket.next(), "r-7", 1);
        }
    }

    @Test
    void aTooLongRequestIdGetsError1002() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, PROTO)) {
            socket.send(ping("x".repeat(65), 1));
            assertError(socket.next(), ErrorCode.VALIDATION_FAILED, "");
        }
    }

    @Test
    void aFrameOfTheWrongKindGetsError1004() throws Exception {
        try (TestSocket json = connectWelcomed(user, 1, JSON)) {
            json.sendBinary(ping("r-8", 1).toByteArray());
            assertError(json.next(), ErrorCode.UNSUPPORTED_FRAME, "");
            json.send(ping("r-9", 1));
            assertPong(json.next(), "r-9", 1);
        }
        try (TestSocket proto = connectWelcomed(user, 2, PROTO)) {
            proto.sendText("{\"requestId\":\"r-10\",\"ping\":{}}");
            assertError(proto.next(), ErrorCode.UNSUPPORTED_FRAME, "");
        }
    }

    @Test
    void aFrameOverTheLimitClosesWith1009() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, JSON)) {
            socket.sendText("{\"requestId\":\"" + "x".repeat(98_305) + "\"}");
            assertThat(socket.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void aFrameAtTheLimitIsAccepted() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, PROTO)) {
            byte[] frame = new byte[98_304];
            socket.sendBinary(frame); // all zero bytes: not a valid frame, but not too large either
            assertError(socket.next(), ErrorCode.MALFORMED_REQUEST, "");
        }
    }
}
