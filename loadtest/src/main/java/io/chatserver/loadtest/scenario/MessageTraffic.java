package io.chatserver.loadtest.scenario;

import com.google.protobuf.ByteString;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.ledger.Ledger;
import io.chatserver.loadtest.report.LatencyTimeline;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.SendMessage;
import io.chatserver.protocol.v1.ServerFrame;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The messages of a run, as apps send them: each goes into the ledger before it is written, a send
 * refused with a retryable error (2004, 1006) goes again with the same id after 200 ms, and the
 * answers and arrivals are timed from each message's intended send time. Also the
 * {@link io.chatserver.loadtest.client.FrameListener} of every connection of the run.
 */
final class MessageTraffic implements AutoCloseable {

    private static final Duration RETRY_AFTER = Duration.ofMillis(200);

    final Ledger ledger = new Ledger();
    final LatencyTimeline storedLatency = new LatencyTimeline();
    final LatencyTimeline deliveredLatency = new LatencyTimeline();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong stored = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong unsendable = new AtomicLong();
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "load-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile long measuredFrom = Long.MIN_VALUE;
    private volatile long measuredUntil = Long.MAX_VALUE;

    private record Pending(ChatConnection sender, ClientFrame frame) {
    }

    /** Only messages meant to be sent in [from, until) count in the latency totals. */
    void measure(long fromNanos, long untilNanos) {
        measuredFrom = fromNanos;
        measuredUntil = untilNanos;
    }

    void send(ChatConnection from, String recipientUserId, ByteString body, long intendedNanos) {
        String clientId = UUID.randomUUID().toString();
        ClientFrame frame = ClientFrame.newBuilder().setRequestId(clientId)
                .setSendMessage(SendMessage.newBuilder().setClientMessageId(clientId).setRecipientUserId(recipientUserId)
                        .setContentType("text/plain").setBody(body))
                .build();
        ledger.expect(clientId, recipientUserId, intendedNanos);
        pending.put(clientId, new Pending(from, frame));
        sent.incrementAndGet();
        if (!from.send(frame)) {
            unsendable.incrementAndGet(); // the sender's connection is gone: the ledger shows it missing
        }
    }

    /** What fails a run besides the ledger: valid sends refused for good, connections dropped. */
    List<String> failures(long lostConnections) {
        List<String> failures = new java.util.ArrayList<>();
        if (refused.get() > 0) {
            failures.add(refused.get() + " sends refused for good");
        }
        if (lostConnections > 0) {
            failures.add(lostConnections + " connections closed by the server or the network");
        }
        return failures;
    }

    /** Connections of the run that the server or the network closed. */
    static long lost(List<ChatConnection> connections) {
        return connections.stream().filter(ChatConnection::lost).count();
    }

    /** Sends not answered with MessageSent yet (nor refused for good). */
    int unanswered() {
        return pending.size();
    }

    /** Waits until {@code done} holds or the time is up; true if it holds. */
    static boolean await(LongSupplier remaining, Duration atMost) {
        long until = System.nanoTime() + atMost.toNanos();
        while (remaining.getAsLong() > 0) {
            if (System.nanoTime() > until) {
                return false;
            }
            LockSupport.parkNanos(5_000_000);
        }
        return true;
    }

    void received(ChatConnection connection, ServerFrame frame, long now) {
        switch (frame.getBodyCase()) {
            case MESSAGE -> {
                Ledger.Expected expected = ledger.expected(frame.getMessage().getClientMessageId());
                if (ledger.received(connection.user().userId(), frame.getMessage()) == Ledger.Arrival.FIRST) {
                    delivered.incrementAndGet();
                    deliveredLatency.record(now - expected.intendedNanos(), measured(expected));
                }
            }
            case MESSAGE_SENT -> {
                Pending done = pending.remove(frame.getRequestId());
                Ledger.Expected expected = ledger.expected(frame.getRequestId());
                if (done != null && expected != null) {
                    stored.incrementAndGet();
                    storedLatency.record(now - expected.intendedNanos(), measured(expected));
                }
            }
            case ERROR -> refusedSend(frame);
            default -> {
            }
        }
    }

    private boolean measured(Ledger.Expected expected) {
        return expected.intendedNanos() >= measuredFrom && expected.intendedNanos() < measuredUntil;
    }

    private void refusedSend(ServerFrame frame) {
        Pending refusedSend = pending.get(frame.getRequestId());
        if (refusedSend == null) {
            return; // an ack's answer, or a late answer
        }
        ErrorCode code = frame.getError().getCode();
        if (code == ErrorCode.MESSAGE_STORE_UNAVAILABLE || code == ErrorCode.RATE_LIMITED) {
            retried.incrementAndGet();
            try {
                timers.schedule(() -> refusedSend.sender().send(refusedSend.frame()), RETRY_AFTER.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException runOver) {
                // the run has ended; the message counts as missing
            }
        } else {
            refused.incrementAndGet(); // a failure of the run: the server refused a valid message
            pending.remove(frame.getRequestId());
            ledger.withdraw(frame.getRequestId());
            System.err.println("load: send refused for good: " + frame.getError().getCode() + " " + frame.getError().getMessage());
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
