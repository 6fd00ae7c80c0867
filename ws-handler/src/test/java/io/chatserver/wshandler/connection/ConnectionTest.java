package io.chatserver.wshandler.connection;

import io.chatserver.protocol.FrameCodec;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Pong;
import io.chatserver.protocol.v1.ServerFrame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTest {

    private final RecordingSession session = new RecordingSession();

    private static ServerFrame pong(long marker) {
        return ServerFrame.newBuilder().setPong(Pong.newBuilder().setServerTimeMs(marker)).build();
    }

    private List<ServerFrame> sentFrames() {
        FrameCodec codec = new FrameCodec();
        return session.sentTexts().stream()
                .map(text -> codec.decodeServerFrame(WireFormat.JSON, text.getBytes(StandardCharsets.UTF_8))).toList();
    }

    @Test
    void framesWaitInTheQueueUntilTheClientReads() {
        Connection connection = TestConnections.open(session, WireFormat.JSON, 4);
        assertThat(connection.send(pong(1))).isTrue();
        assertThat(connection.send(pong(2))).isTrue();
        assertThat(session.sent).isEmpty();

        session.allow(2);

        assertThat(sentFrames()).containsExactly(pong(1), pong(2));
        assertThat(session.closes).isEmpty();
    }

    @Test
    void aFullQueueClosesTheConnectionAsSlowConsumerAndDropsWhatIsQueued() {
        Connection connection = TestConnections.open(session, WireFormat.JSON, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(connection.send(pong(i))).isTrue();
        }

        assertThat(connection.send(pong(4))).isFalse();

        assertThat(session.closes).singleElement().satisfies(status -> {
            assertThat(status.getCode()).isEqualTo(4429);
            assertThat(status.getReason()).startsWith("1502 ");
        });
        assertThat(connection.send(pong(5))).as("closing: takes nothing more").isFalse();
        session.allow(10);
        assertThat(session.sent).as("the queue was dropped, not flushed").isEmpty();
    }

    @Test
    void goAwayFlushesTheQueueThenGoingAwayThenCloses() {
        Connection connection = TestConnections.open(session, WireFormat.JSON, 4);
        connection.send(pong(1));

        connection.goAway(ErrorCode.SESSION_REPLACED, false);
        assertThat(connection.send(pong(2))).isFalse();
        assertThat(session.closes).as("not before the client read its queue").isEmpty();

        session.allow(10);

        List<ServerFrame> frames = sentFrames();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).isEqualTo(pong(1));
        assertThat(frames.get(1).getGoingAway().getCode()).isEqualTo(ErrorCode.SESSION_REPLACED);
        assertThat(frames.get(1).getGoingAway().getReconnect()).isFalse();
        assertThat(session.closes).singleElement().satisfies(status -> assertThat(status.getCode()).isEqualTo(4409));
    }

    @Test
    void closingRunsTheCallbackOnceWhateverTheReason() {
        Connection connection = TestConnections.open(session, WireFormat.JSON, 4);
        int[] calls = {0};
        connection.onClosing(() -> calls[0]++);

        connection.closeNow(ErrorCode.SESSION_IDLE_TIMEOUT);
        connection.goAway(ErrorCode.SESSION_REPLACED, false);
        connection.inputEnded();

        assertThat(calls[0]).isEqualTo(1);
        assertThat(session.closes).singleElement().satisfies(status -> assertThat(status.getCode()).isEqualTo(4408));
    }

    @Test
    void aClientCloseSendsNoCloseFrameBack() {
        Connection connection = TestConnections.open(session, WireFormat.JSON, 4);

        connection.inputEnded();

        assertThat(session.closes).isEmpty();
        assertThat(connection.send(pong(1))).isFalse();
    }
}
