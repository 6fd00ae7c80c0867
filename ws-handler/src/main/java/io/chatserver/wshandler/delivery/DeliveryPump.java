package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.internal.v1.AckedEntry;
import io.chatserver.protocol.internal.v1.InboxPage;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.SyncComplete;
import io.chatserver.wshandler.connection.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Moves one connection's inbox to the device: reads it page by page (on connect, on SyncRequest and
 * every sweep), passes on pushes as they come, and never sends an entry twice on one connection.
 *
 * <p>The store is the truth: a push is only a shortcut, and an entry whose push was lost is found
 * by the next read. While a read runs, pushes wait, so the backlog arrives before newer entries.
 * At most {@code window} entries are unacknowledged at a time; the read waits for acks beyond that.
 * All state is guarded by this object's monitor; calls to message-service run outside it.
 */
final class DeliveryPump {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPump.class);
    /** How long an acknowledged id is remembered, so that a late push or read cannot send it again. */
    static final Duration ACKED_MEMORY = Duration.ofMinutes(2);
    private static final int MAX_ACKED_REMEMBERED = 20_000;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    /** What the pump needs from the outside world; one per connection. */
    interface Inbox {
        Mono<InboxPage> page(String after, int limit);

        long nowMillis();
    }

    private final Connection connection;
    private final Inbox inbox;
    private final DeliveryMetrics metrics;
    private final int window;
    private final int pageSize;
    private final long lateWriteMillis;
    private final int maxQueuedPushes;

    /** Sent and not acknowledged yet: what the ack will need to tell message-service about each. */
    private final Map<String, AckedEntry> inFlight = new LinkedHashMap<>();
    private final Map<String, Long> acked = new LinkedHashMap<>();
    private final ArrayDeque<ServerFrame> queuedPushes = new ArrayDeque<>();
    private final List<String> syncWaiters = new ArrayList<>();

    /** Volatile, not guarded: stop() runs inside the connection's lock, which send() takes under ours. */
    private volatile boolean stopped;
    private boolean reading;
    private boolean readWanted;
    private boolean fullReadWanted;
    private boolean waitingForWindow;
    private String floor;            // a sweep starts here; null = start of the inbox
    private String cursor;           // the current read continues after this id
    private boolean readFromStart;
    private long readStartedMillis;
    private int sentThisRead;
    private List<String> answering = List.of();
    private int failedReads;
    /** Pushes may have been lost: later ones wait (queued) until a read finds the lost ones first. */
    private int holds;
    private int releasesWanted;      // holds the next read ends
    private int releasesThisRead;    // holds the current read ends

    DeliveryPump(Connection connection, Inbox inbox, DeliveryMetrics metrics, int window, int pageSize,
            Duration lateWriteWindow, int maxQueuedPushes) {
        this.connection = connection;
        this.inbox = inbox;
        this.metrics = metrics;
        this.window = window;
        this.pageSize = pageSize;
        this.lateWriteMillis = lateWriteWindow.toMillis();
        this.maxQueuedPushes = maxQueuedPushes;
    }

    /** A full read from the start of the inbox; SyncComplete (answering requestId) once it is done. */
    synchronized void sync(String requestId) {
        syncWaiters.add(requestId);
        fullReadWanted = true;
        wantRead();
    }

    /** Reads again from a little before the last read: finds entries whose push was lost. */
    synchronized void sweep() {
        wantRead();
    }

    /**
     * Pushes to this connection may be getting lost (its registry entry or Redis subscription is
     * gone): from now on pushes wait, so a later message cannot overtake a lost earlier one.
     */
    synchronized void hold() {
        holds++;
    }

    /**
     * The push path is back: read the inbox (a read that starts now, so it finds every entry whose
     * push was lost), then end one {@link #hold()} and pass on the pushes that waited.
     */
    synchronized void sweepThenRelease() {
        releasesWanted++;
        wantRead();
    }

    /** An entry pushed by message-service through ws-manager. */
    synchronized void pushed(ServerFrame frame) {
        if (stopped) {
            return;
        }
        if (reading || holds > 0 || !queuedPushes.isEmpty() || windowFull()) {
            if (queuedPushes.size() >= maxQueuedPushes) {
                // The store has them all; one more read is cheaper than an unbounded queue.
                metrics.pushesDropped(queuedPushes.size() + 1);
                queuedPushes.clear();
                wantRead();
                return;
            }
            queuedPushes.add(frame);
            return;
        }
        send(frame);
    }

    /**
     * The device acknowledged these ids. Returns those never sent on this connection; ids sent and
     * acknowledged before count as known (an ack may be repeated after a failed call).
     */
    synchronized List<String> acknowledged(Collection<String> ids) {
        return acknowledged(ids, entry -> { });
    }

    /** As above, and hands {@code described} what was sent under each id that was in flight. */
    synchronized List<String> acknowledged(Collection<String> ids, Consumer<AckedEntry> described) {
        long now = inbox.nowMillis();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            AckedEntry sent = inFlight.remove(id);
            if (sent != null) {
                described.accept(sent);
                acked.put(id, now);
            } else if (!acked.containsKey(id)) {
                unknown.add(id);
            }
        }
        forgetOldAcks(now);
        makeProgress();
        return unknown;
    }

    synchronized int unacknowledged() {
        return inFlight.size();
    }

    void stop() {
        stopped = true;
    }

    private void wantRead() {
        readWanted = true;
        if (!reading && !stopped) {
            startRead();
        }
    }

    private void startRead() {
        reading = true;
        readWanted = false;
        boolean full = fullReadWanted;
        fullReadWanted = false;
        answering = List.copyOf(syncWaiters);
        syncWaiters.clear();
        releasesThisRead = releasesWanted;
        releasesWanted = 0;
        cursor = full ? null : floor;
        readFromStart = cursor == null;
        readStartedMillis = inbox.nowMillis();
        sentThisRead = 0;
        fetch();
    }

    private void fetch() {
        if (windowFull()) {
            waitingForWindow = true;
            return;
        }
        int limit = Math.min(pageSize, window - inFlight.size());
        // An empty inbox is an empty page: an empty Mono must finish the read too.
        inbox.page(cursor, limit).defaultIfEmpty(InboxPage.getDefaultInstance())
                .subscribe(this::received, this::readFailed);
    }

    private synchronized void received(InboxPage page) {
        if (stopped) {
            return;
        }
        failedReads = 0;
        for (ServerFrame frame : page.getFramesList()) {
            send(frame);
            cursor = EntryIds.of(frame);
        }
        if (page.getMore()) {
            fetch();
        } else {
            finishRead();
        }
    }

    private void finishRead() {
        reading = false;
        holds = Math.max(0, holds - releasesThisRead);
        releasesThisRead = 0;
        // Entries written later than this read with an older id (a store write still under way)
        // are at most the late-write window old: the next sweep starts that far back.
        floor = EntryIds.firstAt(readStartedMillis - lateWriteMillis);
        for (String requestId : answering) {
            connection.send(ServerFrame.newBuilder().setRequestId(requestId)
                    .setSyncComplete(SyncComplete.newBuilder().setDelivered(sentThisRead)).build());
        }
        answering = List.of();
        makeProgress();
    }

    private synchronized void readFailed(Throwable e) {
        if (stopped) {
            return;
        }
        reading = false;
        waitingForWindow = false;
        // Try the same read again later: whoever waits for SyncComplete still gets it.
        syncWaiters.addAll(0, answering);
        answering = List.of();
        releasesWanted += releasesThisRead;
        releasesThisRead = 0;
        fullReadWanted |= readFromStart;
        readWanted = true;
        failedReads++;
        Duration delay = Duration.ofMillis(Math.min(MAX_RETRY_DELAY.toMillis(), 250L << Math.min(failedReads, 7)));
        log.warn("inbox read for session {} failed ({}); again in {}", connection.sessionId(), e.toString(), delay);
        metrics.readFailed();
        Mono.delay(delay).subscribe(tick -> retry());
    }

    private synchronized void retry() {
        if (!reading && readWanted && !stopped) {
            startRead();
        }
    }

    /** After acks or a finished read: continue a paused read, then queued pushes, then a wanted read. */
    private void makeProgress() {
        if (stopped) {
            return;
        }
        if (reading) {
            if (waitingForWindow && !windowFull()) {
                waitingForWindow = false;
                fetch();
            }
            return;
        }
        while (holds == 0 && !queuedPushes.isEmpty() && !windowFull()) {
            send(queuedPushes.poll());
        }
        if (readWanted && failedReads == 0) {
            startRead();
        }
    }

    private void send(ServerFrame frame) {
        String id = EntryIds.of(frame);
        if (inFlight.containsKey(id) || acked.containsKey(id)) {
            return;
        }
        if (connection.send(frame)) {
            inFlight.put(id, EntryIds.acked(frame));
            sentThisRead++;
        }
    }

    private boolean windowFull() {
        return inFlight.size() >= window;
    }

    private void forgetOldAcks(long now) {
        Iterator<Map.Entry<String, Long>> oldest = acked.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            if (acked.size() <= MAX_ACKED_REMEMBERED && now - entry.getValue() < ACKED_MEMORY.toMillis()) {
                break;
            }
            oldest.remove();
        }
    }
}
