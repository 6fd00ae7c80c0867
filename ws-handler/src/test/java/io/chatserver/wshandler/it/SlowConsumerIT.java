package io.chatserver.wshandler.it;

import io.chatserver.protocol.v1.Error;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that stops reading while frames keep coming is closed 4429 once its small queue is full. */
@TestPropertySource(properties = "chat.ws-handler.outbound-queue-size=4")
class SlowConsumerIT extends HandlerIT {

    private final UUID user = UUID.randomUUID();

    @Test
    void aClientThatStopsReadingIsClosedAsSlowConsumer() throws Exception {
        ServerFrame big = ServerFrame.newBuilder()
                .setError(Error.newBuilder().setCode(ErrorCode.INTERNAL).setMessage("x".repeat(60_000))).build();
        try (TestSocket socket = connectWelcomed(user, 1, PROTO)) {
            socket.pause();
            int delivered = 0;
            // Enough to fill the socket buffers, Reactor Netty's write batch and then the 4-frame queue.
            while (delivered < 2_000 && deliver(user, 1, big).get("devicesFound").asInt() == 1) {
                delivered++;
            }
            socket.resume();

            TestSocket.Closed closed = socket.awaitClose(Duration.ofSeconds(30));
            assertThat(closed.code()).isEqualTo(4429);
            assertThat(closed.reason()).startsWith("1502 ");
            int received = 0;
            while (socket.poll(Duration.ZERO) != null) {
                received++;
            }
            assertThat(received).as("frames dropped once the queue overflowed").isLessThan(delivered);
        }
    }
}
