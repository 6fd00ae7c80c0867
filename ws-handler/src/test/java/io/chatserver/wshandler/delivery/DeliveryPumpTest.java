package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.FrameCodec;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.internal.v1.AckedEntry;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.ReceiptType;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.RecordingSession;
import io.chatserver.wshandler.connection.TestConnections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryPumpTest {

    private static final long T0 = 1_750_000_000_000L;
    private static final long A_DAY = 86_400_000L;
    private static final Duration LATE_WRITES = Duration.ofSeconds(30);

    private final RecordingSession session = new RecordingSession();
    private final Connection connection = TestConnections.open(session, WireFormat.JSON, 10_000);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(meters);
    private final TestInbox inbox = new TestInbox(T0);
    private final FrameCodec codec = new FrameCodec();

    @BeforeEach
    void clientReadsEverything() {
        session.allow(Long.MAX_VALUE);
    }

    // --- reads -------------------------------------------------------------------------------

    @Test
    void syncSendsTheWholeInboxPageByPageInIdOrderThenSyncComplete() {
        List<String> ids = stored(250);
        DeliveryPump pump = pump(256, 100, 512);

        pump.sync("");

        List<String> expected = new ArrayList<>(ids);
        expected.add(syncComplete("", 250));
        assertThat(trace()).containsExactlyElementsOf(expected);
        assertThat(sent()).filteredOn(ServerFrame::hasReceipt).as("receipts go out like messages").isNotEmpty();
        assertThat(inbox.calls).extracting(call -> call.after)
                .as("each page continues after the last id of the previous one")
                .containsExactly(null, ids.get(99), ids.get(199));
        assertThat(inbox.calls.get(0).limit).isEqualTo(100);
        assertThat(inbox.calls).allSatisfy(call -> assertThat(call.limit).isBetween(1, 100));
        assertThat(pump.unacknowledged()).isEqualTo(250);
    }

    @Test
    void theWindowBoundsUnacknowledgedEntriesAndAcksResumeTheRead() {
        List<String> ids = stored(25);
        DeliveryPump pump = pump(10, 100, 512);

        pump.sync("s");

        assertThat(sentIds()).containsExactlyElementsOf(ids.subList(0, 10));
        assertThat(inbox.calls).singleElement().satisfies(call -> assertThat(call.limit).isEqualTo(10));
        pump.sweep();
        pump.sync("t");
        assertThat(sentIds()).as("nothing more until the device acknowledges").hasSize(10);
        assertThat(syncCompletes()).isEmpty();

        assertThat(ack(pump, ids.subList(0, 5))).isEmpty();

        assertThat(sentIds()).containsExactlyElementsOf(ids.subList(0, 15));
        assertThat(pump.unacknowledged()).isEqualTo(10);
        assertThat(inbox.calls.get(1).after).isEqualTo(ids.get(9));
        assertThat(inbox.calls.get(1).limit).isEqualTo(5);

        while (pump.unacknowledged() > 0) {
            List<String> inFlight = sentIds().subList(sentIds().size() - pump.unacknowledged(), sentIds().size());
            assertThat(ack(pump, inFlight.subList(0, Math.min(3, inFlight.size())))).isEmpty();
            assertThat(pump.unacknowledged()).isLessThanOrEqualTo(10);
        }

        assertThat(sentIds()).as("all, once each, in order").containsExactlyElementsOf(ids);
        assertThat(syncCompletes()).first().satisfies(frame -> {
            assertThat(frame.getRequestId()).isEqualTo("s");
            assertThat(frame.getSyncComplete().getDelivered()).isEqualTo(25);
        });
        assertThat(syncCompletes()).extracting(ServerFrame::getRequestId).containsExactly("s", "t");
    }

    @Test
    void aSweepOrSyncDuringAReadMakesOneMoreReadAndEverySyncIsAnsweredWithItsRequestId() {
        List<String> ids = stored(3);
        inbox.hold = true;
        DeliveryPump pump = pump(256, 100, 512);

        pump.sync("a");
        pump.sync("b");
        pump.sweep();
        assertThat(inbox.calls).as("one read at a time").hasSize(1);

        inbox.call(0).answer();
        assertThat(inbox.calls).hasSize(2);
        assertThat(inbox.call(1).after).as("b asked for a full read").isNull();
        inbox.call(1).answer();

        List<String> expected = new ArrayList<>(ids);
        expected.add(syncComplete("a", 3));
        expected.add(syncComplete("b", 0));
        assertThat(trace()).containsExactlyElementsOf(expected);
        assertThat(inbox.calls).as("the sweep was served by b's read").hasSize(2);
    }

    @Test
    void aSweepStartsTheLateWriteWindowBeforeTheStartOfTheLastRead() {
        List<String> ids = stored(3);
        DeliveryPump pump = pump(256, 100, 512);
        pump.sync("");
        inbox.now = T0 + 60_000;
        // Written after the read ran, with ids older than the read (store writes still under way).
        ServerFrame late = message(TimeIds.at(T0 - 10_000, 1));
        ServerFrame tooLate = message(TimeIds.at(T0 - 40_000, 1));
        inbox.add(late);
        inbox.add(tooLate);

        pump.sweep();

        assertThat(inbox.lastCall().after).isEqualTo(EntryIds.firstAt(T0 - 30_000));
        List<String> expected = new ArrayList<>(ids);
        expected.add(syncComplete("", 3));
        expected.add(EntryIds.of(late));
        assertThat(trace()).as("no SyncComplete for a sweep; only entries from the floor on")
                .containsExactlyElementsOf(expected);

        inbox.now = T0 + 120_000;
        pump.sweep();
        assertThat(inbox.lastCall().after).isEqualTo(EntryIds.firstAt(T0 + 60_000 - 30_000));
        assertThat(trace()).containsExactlyElementsOf(expected);
    }

    @Test
    void aFailedReadIsRetriedAfterABackoffAndSyncCompleteStillArrivesOnce() {
        List<String> ids = stored(3);
        inbox.failing.add(0);
        DeliveryPump pump = pump(256, 100, 512);
        long started = System.nanoTime();

        pump.sync("r1");

        assertThat(inbox.calls).hasSize(1);
        assertThat(session.sentTexts()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> syncCompletes().size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("first retry after 500 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(450));

        List<String> expected = new ArrayList<>(ids);
        expected.add(syncComplete("r1", 3));
        assertThat(trace()).containsExactlyElementsOf(expected);
        assertThat(inbox.calls).hasSize(2);
        assertThat(inbox.call(1).after).as("the same (full) read again").isNull();
        assertThat(meters.counter("chat.delivery.reads.failed").count()).isEqualTo(1);
    }

    @Test
    void aFullSyncThatFailsHalfwayReadsTheRestOfTheInboxWhenRetried() {
        DeliveryPump pump = pump(256, 2, 512);
        pump.sync(""); // empty inbox: the pump now has a sweep floor (T0 - 30 s)
        assertThat(syncCompletes()).hasSize(1);
        // Entries older than that floor that this connection has not sent (a SyncRequest is the
        // client's way to have the whole inbox looked through again).
        List<String> ids = stored(5);
        inbox.failing.add(2); // page 2 of the next sync

        pump.sync("again");

        assertThat(sentIds()).containsExactlyElementsOf(ids.subList(0, 2));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> syncCompletes().size() == 2);
        assertThat(sentIds())
                .as("the retried sync must go on where it failed (or start over), not at the sweep floor;"
                        + " page calls: %s", inbox.calls)
                .containsExactlyElementsOf(ids);
        assertThat(trace()).last().asString().startsWith("SyncComplete(again, ");
    }

    @Test
    void aPageAnsweredByAnEmptyMonoFinishesTheRead() {
        // MessageServiceClient.page answers an empty InboxPage (zero bytes on the wire) this way.
        inbox.empty.add(0);
        DeliveryPump pump = pump(256, 100, 512);

        pump.sync("s");
        ServerFrame push = message(TimeIds.at(T0 + 1, 1));
        pump.pushed(push);

        assertThat(trace()).as("SyncComplete and then the push; the read must not stay open forever")
                .containsExactly(syncComplete("s", 0), EntryIds.of(push));
    }

    // --- pushes ------------------------------------------------------------------------------

    @Test
    void aPushDuringAReadWaitsForTheReadsEntries() {
        List<String> ids = stored(3);
        inbox.hold = true;
        DeliveryPump pump = pump(256, 100, 512);
        pump.sync("");
        ServerFrame push = receipt(TimeIds.at(T0 + 1, 1)); // stored after the read was made
        inbox.add(push);

        pump.pushed(push);

        assertThat(session.sentTexts()).as("not before the backlog").isEmpty();
        inbox.call(0).answer();

        List<String> expected = new ArrayList<>(ids);
        expected.add(syncComplete("", 3));
        expected.add(EntryIds.of(push));
        assertThat(trace()).containsExactlyElementsOf(expected);
        inbox.hold = false;
        pump.sweep();
        assertThat(inbox.calls).hasSize(2);
        assertThat(inbox.call(1).snapshot.getFramesList()).contains(push);
        assertThat(trace()).as("a later read finds it again and skips it").containsExactlyElementsOf(expected);
    }

    @Test
    void whileHeldALaterPushWaitsUntilAReadHasSentTheEntryWhosePushWasLost() {
        DeliveryPump pump = pump(256, 100, 512);
        pump.sync("");
        ServerFrame lost = message(TimeIds.at(T0 + 1, 1));   // stored, its push went nowhere
        ServerFrame later = message(TimeIds.at(T0 + 2, 1));
        inbox.add(lost);
        pump.hold();
        inbox.add(later);

        pump.pushed(later);
        assertThat(sentIds()).as("held: the later one must not overtake the lost one").isEmpty();

        pump.sweepThenRelease();
        assertThat(sentIds()).as("the read sends both in order; the waiting push is not sent again")
                .containsExactly(EntryIds.of(lost), EntryIds.of(later));

        ServerFrame next = message(TimeIds.at(T0 + 3, 1));
        inbox.add(next);
        pump.pushed(next);
        assertThat(sentIds()).as("released: pushes go straight through again").endsWith(EntryIds.of(next));
    }

    @Test
    void twoHoldsNeedTwoReleases() {
        DeliveryPump pump = pump(256, 100, 512);
        pump.sync("");
        pump.hold();
        pump.hold();
        pump.sweepThenRelease();
        ServerFrame push = message(TimeIds.at(T0 + 1, 1));
        pump.pushed(push);
        assertThat(sentIds()).as("one hold is still on").isEmpty();

        inbox.add(push);
        pump.sweepThenRelease();
        assertThat(sentIds()).containsExactly(EntryIds.of(push));
    }

    @Test
    void aPushThatTheReadAlsoReturnsIsSentOnce() {
        List<String> ids = stored(3);
        ServerFrame push = message(TimeIds.at(T0 - 1, 1));
        inbox.add(push); // stored before the read: the read returns it too
        inbox.hold = true;
        DeliveryPump pump = pump(256, 100, 512);
        pump.sync("");

        pump.pushed(push);
        inbox.call(0).answer();

        List<String> expected = new ArrayList<>(ids);
        expected.add(EntryIds.of(push));
        expected.add(syncComplete("", 4));
        assertThat(trace()).containsExactlyElementsOf(expected);
    }

    @Test
    void aPushWhileIdleIsSentAtOnceAndOnlyOnce() {
        DeliveryPump pump = idlePump(256, 512);
        ServerFrame push = message(TimeIds.at(T0 + 1, 1));
        ServerFrame receipt = receipt(TimeIds.at(T0 + 2, 1));

        pump.pushed(push);
        assertThat(sentIds()).containsExactly(EntryIds.of(push));
        pump.pushed(push);
        pump.pushed(receipt);
        pump.pushed(receipt);

        assertThat(sentIds()).containsExactly(EntryIds.of(push), EntryIds.of(receipt));
        assertThat(pump.unacknowledged()).isEqualTo(2);
    }

    @Test
    void anAcknowledgedEntryIsNotSentAgainByAPushOrARead() {
        DeliveryPump pump = idlePump(256, 512);
        ServerFrame push = message(TimeIds.at(T0 + 1, 1));
        pump.pushed(push);

        assertThat(pump.acknowledged(List.of(EntryIds.of(push)))).isEmpty();
        pump.pushed(push);
        inbox.add(push); // e.g. message-service did not remove it (yet)
        pump.sync("again");

        assertThat(sentIds()).containsExactly(EntryIds.of(push));
        assertThat(syncCompletes()).last().satisfies(frame ->
                assertThat(frame.getSyncComplete().getDelivered()).isZero());
    }

    @Test
    void pushesWaitForTheWindowInOrder() {
        DeliveryPump pump = idlePump(2, 512);
        List<ServerFrame> pushes = List.of(message(TimeIds.at(T0 + 1, 1)), message(TimeIds.at(T0 + 2, 1)),
                receipt(TimeIds.at(T0 + 3, 1)), message(TimeIds.at(T0 + 4, 1)));
        List<String> pushIds = pushes.stream().map(EntryIds::of).toList();

        pushes.forEach(pump::pushed);
        assertThat(sentIds()).containsExactlyElementsOf(pushIds.subList(0, 2));

        pump.acknowledged(List.of(pushIds.get(1)));
        assertThat(sentIds()).containsExactlyElementsOf(pushIds.subList(0, 3));
        pump.acknowledged(List.of(pushIds.get(0)));
        assertThat(sentIds()).containsExactlyElementsOf(pushIds);
    }

    @Test
    void tooManyPushesDuringAReadAreDroppedAndReadFromTheStoreInstead() {
        List<String> ids = stored(2);
        inbox.hold = true;
        DeliveryPump pump = pump(256, 100, 3);
        pump.sync("");
        List<ServerFrame> pushes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) { // the 4th finds the queue full
            ServerFrame push = message(TimeIds.at(T0 + i, 1));
            inbox.add(push); // message-service stores, then pushes
            pushes.add(push);
            pump.pushed(push);
        }
        assertThat(session.sentTexts()).isEmpty();

        inbox.hold = false;
        inbox.call(0).answer(); // what the store held when the read was made: no pushes

        assertThat(inbox.calls).as("one more read for the dropped pushes").hasSize(2);
        assertThat(inbox.call(1).after).isEqualTo(EntryIds.firstAt(T0 - 30_000));
        List<String> expected = new ArrayList<>(ids);
        expected.add(syncComplete("", 2));
        pushes.forEach(push -> expected.add(EntryIds.of(push)));
        assertThat(trace()).as("nothing lost, nothing twice").containsExactlyElementsOf(expected);
        assertThat(meters.counter("chat.delivery.pushes.dropped").count()).isPositive();
    }

    @Test
    void droppedPushesAreCountedIncludingTheOneThatDidNotFit() {
        inbox.hold = true;
        DeliveryPump pump = pump(256, 100, 3);
        pump.sync("");

        for (int i = 1; i <= 4; i++) {
            pump.pushed(message(TimeIds.at(T0 + i, 1)));
        }

        assertThat(meters.counter("chat.delivery.pushes.dropped").count())
                .as("3 queued pushes and the 4th were dropped").isEqualTo(4);
    }

    // --- acks --------------------------------------------------------------------------------

    @Test
    void acknowledgedNamesTheIdsNeverSentAndAcceptsRepeatedAcks() {
        DeliveryPump pump = idlePump(256, 512);
        String a = EntryIds.of(sendPush(pump, TimeIds.at(T0 + 1, 1)));
        String b = EntryIds.of(sendPush(pump, TimeIds.at(T0 + 2, 1)));
        String neverSent = TimeIds.at(T0 + 3, 1).toString();

        assertThat(pump.acknowledged(List.of(a, neverSent))).containsExactly(neverSent);
        assertThat(pump.unacknowledged()).isEqualTo(1);
        assertThat(pump.acknowledged(List.of(a, b))).as("a is acknowledged again: known").isEmpty();
        assertThat(pump.acknowledged(List.of(b, a))).isEmpty();
        assertThat(pump.acknowledged(List.of(neverSent))).containsExactly(neverSent);
        assertThat(pump.unacknowledged()).isZero();
    }

    @Test
    void anAcknowledgedEntryIsDescribedOnceWithWhatWasSentUnderItsId() {
        DeliveryPump pump = idlePump(256, 512);
        ServerFrame message = ServerFrame.newBuilder().setMessage(message(TimeIds.at(T0 + 1, 1)).getMessage().toBuilder()
                .setConversationId("d:a:b").setSenderUserId("a").setSeq(7)).build();
        ServerFrame receipt = receipt(TimeIds.at(T0 + 2, 1));
        pump.pushed(message);
        pump.pushed(receipt);
        List<AckedEntry> described = new ArrayList<>();

        pump.acknowledged(List.of(EntryIds.of(message), EntryIds.of(receipt), "never-sent"), described::add);
        pump.acknowledged(List.of(EntryIds.of(message)), described::add);

        assertThat(described).containsExactly(
                AckedEntry.newBuilder().setId(EntryIds.of(message)).setConversationId("d:a:b").setSenderUserId("a")
                        .setSeq(7).build(),
                AckedEntry.newBuilder().setId(EntryIds.of(receipt)).setReceipt(true).build());
    }

    @Test
    void acknowledgedIdsAreRememberedForTwoMinutes() {
        DeliveryPump pump = idlePump(256, 512);
        ServerFrame push = message(TimeIds.at(T0 + 1, 1));
        pump.pushed(push);
        pump.acknowledged(List.of(EntryIds.of(push)));

        inbox.now = T0 + 119_000;
        assertThat(pump.acknowledged(List.of(EntryIds.of(push)))).isEmpty();
        pump.pushed(push);
        assertThat(sentIds()).hasSize(1);

        inbox.now = T0 + 121_000;
        pump.acknowledged(List.of());
        assertThat(pump.acknowledged(List.of(EntryIds.of(push)))).as("forgotten").containsExactly(EntryIds.of(push));
    }

    // --- stop --------------------------------------------------------------------------------

    @Test
    void nothingIsSentAfterStopEvenWhenAHeldPageArrives() {
        stored(3);
        inbox.hold = true;
        DeliveryPump pump = pump(256, 100, 512);
        pump.sync("s");
        pump.pushed(message(TimeIds.at(T0 + 1, 1)));

        pump.stop();
        inbox.call(0).answer();
        pump.pushed(message(TimeIds.at(T0 + 2, 1)));
        pump.sync("t");
        pump.sweep();
        pump.acknowledged(List.of(TimeIds.at(T0 + 1, 1).toString()));

        assertThat(session.sentTexts()).isEmpty();
        assertThat(inbox.calls).hasSize(1);
    }

    @Test
    void aStoppedPumpDoesNotRetryAFailedRead() {
        stored(3);
        inbox.hold = true;
        DeliveryPump pump = pump(256, 100, 512);
        pump.sync("s");

        inbox.call(0).fail();
        pump.stop();

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> inbox.calls.size() == 1);
        assertThat(session.sentTexts()).isEmpty();
    }

    /**
     * Connection runs its closing callbacks (ChatWebSocketHandler.forget -> Deliveries.closing ->
     * pump.stop()) while holding its own monitor (goAway; ping/send on overflow), and the pump calls
     * Connection.send while holding its monitor: the two locks are taken in opposite orders.
     */
    @Test
    void stoppingFromAClosingConnectionDoesNotDeadlockWithAPumpThatIsSending() throws Exception {
        DeliveryPump pump = pump(1, 100, 512);
        String first = EntryIds.of(sendPush(pump, TimeIds.at(T0 + 1, 1)));
        pump.pushed(message(TimeIds.at(T0 + 2, 1))); // waits for the window
        CountDownLatch pumpBusy = new CountDownLatch(1);
        CountDownLatch closing = new CountDownLatch(1);
        onClosing(connection, () -> {
            closing.countDown();
            pump.stop();
        });
        inbox.atNextNow = () -> { // inside acknowledged(), under the pump's monitor
            pumpBusy.countDown();
            awaitQuietly(closing);
        };

        Thread acker = daemon("acker", () -> pump.acknowledged(List.of(first))); // then sends the waiting push
        Thread closer = daemon("closer", () -> {
            awaitQuietly(pumpBusy);
            connection.goAway(ErrorCode.SESSION_REPLACED, false);
        });
        acker.start();
        closer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        acker.join(2_000);
        closer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));

        long[] deadlocked = ManagementFactory.getThreadMXBean().findMonitorDeadlockedThreads();
        assertThat(acker.isAlive() || closer.isAlive())
                .as("deadlock: acker %s, closer %s, deadlocked thread ids %s", acker.getState(), closer.getState(),
                        deadlocked == null ? "none" : Arrays.toString(deadlocked))
                .isFalse();
    }

    // --- helpers -----------------------------------------------------------------------------

    private DeliveryPump pump(int window, int pageSize, int maxQueuedPushes) {
        return new DeliveryPump(connection, inbox, metrics, window, pageSize, LATE_WRITES, maxQueuedPushes);
    }

    /** A pump whose first read (of an empty inbox) is done. */
    private DeliveryPump idlePump(int window, int maxQueuedPushes) {
        DeliveryPump pump = pump(window, 100, maxQueuedPushes);
        pump.sync("");
        assertThat(syncCompletes()).hasSize(1);
        return pump;
    }

    private ServerFrame sendPush(DeliveryPump pump, UUID id) {
        ServerFrame push = message(id);
        pump.pushed(push);
        assertThat(sentIds()).contains(EntryIds.of(push));
        return push;
    }

    /** Stores count entries written a day before T0 (every third a receipt); their ids in order. */
    private List<String> stored(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = TimeIds.at(T0 - A_DAY + i / 2, i % 2); // two entries per millisecond
            ServerFrame frame = i % 3 == 2 ? receipt(id) : message(id);
            inbox.add(frame);
            ids.add(id.toString());
        }
        return ids;
    }

    private List<String> ack(DeliveryPump pump, List<String> ids) {
        List<String> copy = List.copyOf(ids);
        List<String> unknown = pump.acknowledged(copy);
        inbox.remove(copy); // what message-service does with acknowledged entries
        return unknown;
    }

    private static ServerFrame message(UUID id) {
        return ServerFrame.newBuilder().setMessage(ChatMessage.newBuilder().setMessageId(id.toString())
                .setConversationId("conversation").setSeq(id.timestamp())).build();
    }

    private static ServerFrame receipt(UUID id) {
        return ServerFrame.newBuilder().setReceipt(Receipt.newBuilder().setReceiptId(id.toString())
                .setType(ReceiptType.DELIVERED).setConversationId("conversation").addSeqs(1)).build();
    }

    private List<ServerFrame> sent() {
        return session.sentTexts().stream()
                .map(text -> codec.decodeServerFrame(WireFormat.JSON, text.getBytes(StandardCharsets.UTF_8))).toList();
    }

    private List<String> sentIds() {
        return sent().stream().filter(EntryIds::isInboxEntry).map(EntryIds::of).toList();
    }

    private List<ServerFrame> syncCompletes() {
        return sent().stream().filter(ServerFrame::hasSyncComplete).toList();
    }

    /** What was sent, in order: entry ids and SyncComplete(requestId, delivered). */
    private List<String> trace() {
        return sent().stream().map(frame -> frame.hasSyncComplete()
                ? syncComplete(frame.getRequestId(), frame.getSyncComplete().getDelivered())
                : EntryIds.of(frame)).toList();
    }

    private static String syncComplete(String requestId, int delivered) {
        return "SyncComplete(" + requestId + ", " + delivered + ")";
    }

    private static void onClosing(Connection connection, Runnable callback) throws Exception {
        Method onClosing = Connection.class.getDeclaredMethod("onClosing", Runnable.class);
        onClosing.setAccessible(true);
        onClosing.invoke(connection, callback);
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, "delivery-pump-test-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
