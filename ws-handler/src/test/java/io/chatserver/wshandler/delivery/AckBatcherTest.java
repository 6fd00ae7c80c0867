package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.FrameCodec;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.RecordingSession;
import io.chatserver.wshandler.connection.TestConnections;
import io.chatserver.wshandler.messaging.MessageServiceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Coalescing of acks: one removal call in flight, the acks that wait meanwhile go in the next one. */
class AckBatcherTest {

    private final RecordingSession session = new RecordingSession();
    private final Connection connection = TestConnections.open(session, WireFormat.JSON, 64);
    /** Each removal call: its ids and the sink the test completes it by. */
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AckBatcher batcher = new AckBatcher(connection, (ids, described) -> remove(ids), 5, 3);

    private record Call(List<String> ids, Sinks.Empty<Void> done) {
    }

    @BeforeEach
    void clientReadsEverything() {
        session.allow(Long.MAX_VALUE);
    }

    @Test
    void theFirstAckIsRemovedAtOnceAndAnsweredWhenTheCallIsDone() {
        assertThat(batcher.submit("r1", List.of("a", "b"), List.of())).isTrue();

        assertThat(calls).singleElement().extracting(Call::ids).isEqualTo(List.of("a", "b"));
        assertThat(sent()).isEmpty();
        calls.get(0).done().tryEmitEmpty().orThrow();

        assertThat(sent()).singleElement().satisfies(frame -> {
            assertThat(frame.getRequestId()).isEqualTo("r1");
            assertThat(frame.hasOk()).isTrue();
        });
        assertThat(batcher.waiting()).isZero();
    }

    @Test
    void acksArrivingDuringACallGoTogetherIntoTheNextOne() {
        batcher.submit("r1", List.of("a"), List.of());
        batcher.submit("r2", List.of("b"), List.of());
        batcher.submit("r3", List.of("c", "d"), List.of());
        assertThat(calls).hasSize(1);
        assertThat(batcher.waiting()).isEqualTo(2);

        calls.get(0).done().tryEmitEmpty().orThrow();

        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).ids()).containsExactly("b", "c", "d");
        calls.get(1).done().tryEmitEmpty().orThrow();
        assertThat(sent()).extracting(ServerFrame::getRequestId).containsExactly("r1", "r2", "r3");
        assertThat(sent()).allSatisfy(frame -> assertThat(frame.hasOk()).isTrue());
    }

    @Test
    void aCallCarriesAtMostTheIdLimitButAlwaysOneAck() {
        batcher.submit("first", List.of("x"), List.of());
        batcher.submit("r1", List.of("a", "b", "c"), List.of());
        batcher.submit("r2", List.of("d", "e", "f"), List.of()); // 3 + 3 > 5: waits for the call after

        calls.get(0).done().tryEmitEmpty().orThrow();
        assertThat(calls.get(1).ids()).containsExactly("a", "b", "c");
        calls.get(1).done().tryEmitEmpty().orThrow();
        assertThat(calls.get(2).ids()).containsExactly("d", "e", "f");
        calls.get(2).done().tryEmitEmpty().orThrow();

        assertThat(sent()).extracting(ServerFrame::getRequestId).containsExactly("first", "r1", "r2");
    }

    @Test
    void aFailedCallAnswersEachOfItsAcksWithTheErrorAndTheNextCallStillRuns() {
        batcher.submit("r1", List.of("a"), List.of());
        batcher.submit("r2", List.of("b"), List.of());
        calls.get(0).done().tryEmitError(new MessageServiceException(ErrorCode.MESSAGE_STORE_UNAVAILABLE,
                "message-service: timeout")).orThrow();
        calls.get(1).done().tryEmitError(new IllegalStateException("connection reset")).orThrow();

        assertThat(sent()).extracting(ServerFrame::getRequestId).containsExactly("r1", "r2");
        assertThat(sent()).allSatisfy(frame ->
                assertThat(frame.getError().getCode()).isEqualTo(ErrorCode.MESSAGE_STORE_UNAVAILABLE));
        assertThat(sent().get(0).getError().getMessage()).isEqualTo("message-service: timeout");
    }

    @Test
    void unknownIdsAreNamedInTheAnswerAfterTheKnownOnesAreRemoved() {
        batcher.submit("r1", List.of("a"), List.of("never-sent"));
        calls.get(0).done().tryEmitEmpty().orThrow();

        assertThat(sent()).singleElement().satisfies(frame -> {
            assertThat(frame.getError().getCode()).isEqualTo(ErrorCode.MESSAGE_ACK_UNKNOWN);
            assertThat(frame.getError().getMessage()).isEqualTo("1 id(s) not delivered on this connection: never-sent");
        });
    }

    @Test
    void beyondTheWaitingLimitAnAckIsRefusedAndNothingOfItIsQueued() {
        batcher.submit("in-flight", List.of("a"), List.of());
        IntStream.range(0, 3).forEach(i -> assertThat(batcher.submit("w" + i, List.of("w" + i), List.of())).isTrue());

        assertThat(batcher.submit("one-too-many", List.of("z"), List.of())).isFalse();

        assertThat(batcher.waiting()).isEqualTo(3);
        calls.get(0).done().tryEmitEmpty().orThrow();
        assertThat(calls.get(1).ids()).containsExactly("w0", "w1", "w2").doesNotContain("z");
    }

    @Test
    void whenDoneWaitsForTheAcksSubmittedBeforeItOnly() {
        assertThat(batcher.whenDone().block()).as("nothing submitted: done at once").isNull();
        batcher.submit("r1", List.of("a"), List.of());
        batcher.submit("r2", List.of("b"), List.of());
        var afterBoth = batcher.whenDone().toFuture();
        batcher.submit("r3", List.of("c"), List.of());

        calls.get(0).done().tryEmitEmpty().orThrow();
        assertThat(afterBoth).isNotDone();
        calls.get(1).done().tryEmitError(new IllegalStateException("down")).orThrow(); // r2 and r3 together
        assertThat(afterBoth).isDone();
    }

    @Test
    void afterALargeCallTheNextWaitsForThePauseAndCarriesEverythingThatCameMeanwhile() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        AckBatcher paced = new AckBatcher(connection, (ids, described) -> remove(ids), 10, 20,
                new AckBatcher.Pacing(4, Duration.ofMillis(250), time));
        paced.submit("large", List.of("a", "b", "c", "x"), List.of());
        time.advanceTimeBy(Duration.ofMillis(100));
        calls.get(0).done().tryEmitEmpty().orThrow();
        paced.submit("r1", List.of("d"), List.of());
        paced.submit("r2", List.of("e"), List.of());

        assertThat(calls).as("the pause runs from the large call's start").hasSize(1);
        time.advanceTimeBy(Duration.ofMillis(149));
        assertThat(calls).hasSize(1);
        paced.submit("r3", List.of("f"), List.of());
        time.advanceTimeBy(Duration.ofMillis(1));

        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).ids()).containsExactly("d", "e", "f");
        calls.get(1).done().tryEmitEmpty().orThrow();
        paced.submit("r4", List.of("g"), List.of());
        assertThat(calls).as("a small call holds nothing back").hasSize(3);
        assertThat(sent()).extracting(ServerFrame::getRequestId).containsExactly("large", "r1", "r2", "r3");
    }

    @Test
    void smallCallsFollowEachOtherAtOnce() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        AckBatcher paced = new AckBatcher(connection, (ids, described) -> remove(ids), 10, 20,
                new AckBatcher.Pacing(3, Duration.ofMillis(250), time));
        paced.submit("r1", List.of("a", "b"), List.of());
        paced.submit("r2", List.of("c"), List.of());
        calls.get(0).done().tryEmitEmpty().orThrow();

        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).ids()).containsExactly("c");
    }

    private Mono<?> remove(List<String> ids) {
        Sinks.Empty<Void> done = Sinks.empty();
        calls.add(new Call(ids, done));
        return done.asMono();
    }

    private List<ServerFrame> sent() {
        FrameCodec codec = new FrameCodec();
        return session.sentTexts().stream()
                .map(text -> codec.decodeServerFrame(WireFormat.JSON, text.getBytes(StandardCharsets.UTF_8))).toList();
    }
}
