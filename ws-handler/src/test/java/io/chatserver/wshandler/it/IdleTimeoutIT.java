package io.chatserver.wshandler.it;

import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.Ping;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** No inbound frame within the idle timeout closes with 4408; traffic keeps the connection open. */
@TestPropertySource(properties = {
        "chat.ws-handler.idle-timeout=1500ms",
        "chat.ws-handler.heartbeat-interval=30s"})
class IdleTimeoutIT extends HandlerIT {

    private final UUID user = UUID.randomUUID();

    @Test
    void aSilentClientIsClosedWith4408() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, JSON)) {
            for (int i = 0; i < 3; i++) { // 3 s of pings every 1 s keep it open
                Thread.sleep(1_000);
                socket.send(ClientFrame.newBuilder().setPing(Ping.getDefaultInstance()).build());
                assertThat(socket.next().hasPong()).isTrue();
            }
            assertThat(socket.isClosed()).isFalse();

            TestSocket.Closed closed = socket.awaitClose(Duration.ofSeconds(5));
            assertThat(closed.code()).isEqualTo(4408);
            assertThat(closed.reason()).startsWith("1503 ");
        }
    }
}
