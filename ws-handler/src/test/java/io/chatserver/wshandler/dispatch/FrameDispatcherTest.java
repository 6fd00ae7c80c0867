package io.chatserver.wshandler.dispatch;

import io.chatserver.protocol.FrameCodec;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Ping;
import io.chatserver.protocol.v1.Pong;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ConnectionMetrics;
import io.chatserver.wshandler.connection.RecordingSession;
import io.chatserver.wshandler.connection.TestConnections;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameDispatcherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);

    private final RecordingSession session = new RecordingSession();
    private final Connection connection = TestConnections.open(session, WireFormat.JSON, 16);
    private final ConnectionMetrics metrics = TestConnections.metrics();

    private ServerFrame handle(FrameDispatcher dispatcher, boolean text, String payload) {
        dispatcher.handle(connection, text, payload.getBytes(StandardCharsets.UTF_8)).block();
        session.allow(1);
        List<String> texts = session.sentTexts();
        return new FrameCodec().decodeServerFrame(WireFormat.JSON,
                texts.get(texts.size() - 1).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPingIsAnsweredByItsHandlerWithTheRequestIdEchoed() {
        FrameDispatcher dispatcher = new FrameDispatcher(List.of(new PingHandler(CLOCK)), metrics, TIMEOUT);

        ServerFrame pong = handle(dispatcher, true, "{\"requestId\":\"r1\",\"ping\":{\"clientTimeMs\":\"7\"}}");

        assertThat(pong.getRequestId()).isEqualTo("r1");
        assertThat(pong.getPong().getClientTimeMs()).isEqualTo(7);
        assertThat(pong.getPong().getServerTimeMs()).isEqualTo(1_000_000);
    }

    @Test
    void aFrameTypeWithoutHandlerIsUnsupported() {
        FrameDispatcher dispatcher = new FrameDispatcher(List.of(), metrics, TIMEOUT);

        ServerFrame error = handle(dispatcher, true, "{\"requestId\":\"r2\",\"ping\":{}}");

        assertThat(error.getError().getCode()).isEqualTo(ErrorCode.UNSUPPORTED_FRAME);
        assertThat(error.getRequestId()).isEqualTo("r2");
    }

    @Test
    void aFailingHandlerAnswersInternalAndTheConnectionStays() {
        FrameHandler failing = new FrameHandler() {
            @Override
            public ClientFrame.BodyCase bodyCase() {
                return ClientFrame.BodyCase.PING;
            }

            @Override
            public Mono<Void> handle(Connection connection, ClientFrame frame) {
                return Mono.error(new IllegalStateException("boom"));
            }
        };
        FrameDispatcher dispatcher = new FrameDispatcher(List.of(failing), metrics, TIMEOUT);

        ServerFrame error = handle(dispatcher, true, "{\"requestId\":\"r3\",\"ping\":{}}");

        assertThat(error.getError().getCode()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(connection.isClosing()).isFalse();
    }

    @Test
    void aHandlerThatDoesNotFinishInTimeIsCancelledAndTheFrameAnswered1008() {
        AtomicBoolean cancelled = new AtomicBoolean();
        FrameHandler hanging = new FrameHandler() {
            @Override
            public ClientFrame.BodyCase bodyCase() {
                return ClientFrame.BodyCase.PING;
            }

            @Override
            public Mono<Void> handle(Connection connection, ClientFrame frame) {
                return Mono.<Void>never().doOnCancel(() -> cancelled.set(true));
            }
        };
        FrameDispatcher dispatcher = new FrameDispatcher(List.of(hanging), metrics, Duration.ofMillis(50));

        ServerFrame error = handle(dispatcher, true, "{\"requestId\":\"r6\",\"ping\":{}}");

        assertThat(error.getRequestId()).isEqualTo("r6");
        assertThat(error.getError().getCode()).isEqualTo(ErrorCode.FRAME_TIMED_OUT);
        assertThat(cancelled).isTrue();
        assertThat(connection.isClosing()).isFalse();
    }

    @Test
    void aHandlerThatAnsweredButDoesNotFinishIsCancelledWithoutASecondAnswer() {
        FrameHandler answeringThenHanging = new FrameHandler() {
            @Override
            public ClientFrame.BodyCase bodyCase() {
                return ClientFrame.BodyCase.PING;
            }

            @Override
            public Mono<Void> handle(Connection connection, ClientFrame frame) {
                connection.send(ServerFrame.newBuilder().setRequestId(frame.getRequestId())
                        .setPong(Pong.getDefaultInstance()).build());
                return Mono.never();
            }
        };
        FrameDispatcher dispatcher = new FrameDispatcher(List.of(answeringThenHanging), metrics, Duration.ofMillis(50));

        dispatcher.handle(connection, true, "{\"requestId\":\"r7\",\"ping\":{}}".getBytes(StandardCharsets.UTF_8)).block();
        dispatcher.handle(connection, true, "{\"requestId\":\"r8\",\"ping\":{}}".getBytes(StandardCharsets.UTF_8)).block();

        session.allow(8);
        assertThat(session.sentTexts()).as("one answer each, no 1008 after it")
                .map(text -> new FrameCodec().decodeServerFrame(WireFormat.JSON, text.getBytes(StandardCharsets.UTF_8)))
                .allSatisfy(frame -> assertThat(frame.hasPong()).isTrue())
                .extracting(ServerFrame::getRequestId).containsExactly("r7", "r8");
    }

    @Test
    void twoHandlersForOneFrameTypeAreAStartupError() {
        assertThatThrownBy(() -> new FrameDispatcher(List.of(new PingHandler(CLOCK), new PingHandler(CLOCK)), metrics, TIMEOUT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRequestIdOfARefusedFrameIsEchoedWhenReadable() {
        assertThat(RequestIds.bestEffort(WireFormat.JSON, "{\"requestId\":\"r4\",\"odd\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("r4");
        assertThat(RequestIds.bestEffort(WireFormat.JSON, "{nope".getBytes(StandardCharsets.UTF_8))).isEmpty();
        byte[] proto = ClientFrame.newBuilder().setRequestId("r5").setPing(Ping.getDefaultInstance()).build().toByteArray();
        assertThat(RequestIds.bestEffort(WireFormat.PROTOBUF, proto)).isEqualTo("r5");
        assertThat(RequestIds.bestEffort(WireFormat.PROTOBUF, new byte[] {(byte) 0xff})).isEmpty();
    }
}
