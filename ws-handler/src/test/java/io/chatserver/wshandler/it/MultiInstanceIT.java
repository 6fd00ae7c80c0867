package io.chatserver.wshandler.it;

import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Several handlers side by side: replacement across instances, and a registry that cannot be reached. */
class MultiInstanceIT extends HandlerIT {

    private final UUID user = UUID.randomUUID();

    @Test
    void connectingOnAnotherHandlerClosesTheOldConnectionThroughItsChannel() throws Exception {
        try (ExtraHandler other = new ExtraHandler(WsManagerProcess.shared().url());
             TestSocket first = connectWelcomed(user, 1, JSON);
             TestSocket second = TestSocket.connect(other.endpoint(), TestTokens.valid(user, 1), PROTO)) {
            ServerFrame welcome = second.next();
            assertThat(welcome.getWelcome().getHandlerId()).isEqualTo(other.handlerId);

            assertThat(first.next().getGoingAway().getCode()).isEqualTo(ErrorCode.SESSION_REPLACED);
            assertThat(first.awaitClose().code()).isEqualTo(4409);
            assertThat(registrySessions(user)).singleElement().satisfies(session ->
                    assertThat(session.get("handlerId").asString()).isEqualTo(other.handlerId));
        }
    }

    @Test
    void whenTheRegistryIsUnreachableTheConnectionIsClosedWith1013() throws Exception {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        try (ExtraHandler isolated = new ExtraHandler("http://127.0.0.1:" + nothingListens);
             TestSocket socket = TestSocket.connect(isolated.endpoint(), TestTokens.valid(user, 1), JSON)) {
            TestSocket.Closed closed = socket.awaitClose();
            assertThat(closed.code()).isEqualTo(1013);
            assertThat(closed.reason()).startsWith("1506 ");
            assertThat(socket.textFrames()).as("no Welcome").isZero();
        }
    }
}
