package io.chatserver.loadtest.scenario;

import com.google.protobuf.ByteString;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.client.CloseCodes;
import io.chatserver.loadtest.ledger.Ledger;
import io.chatserver.loadtest.report.LatencyTimeline;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.SendMessage;
import io.chatserver.protocol.v1.ServerFrame;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The messages of a run, as apps send them: each goes into the ledger before it is written, a send
 * refused with a retryable error (2004, 1006) goes again with the same id after a jittered pause
 * that doubles with each refusal of it (200 ms, 400 ms, ... at most 5 s), and the
 * answers and arrivals are timed from each message's intended send time. Also the
 * {@link io.chatserver.loadtest.client.FrameListener} of every connection of the run.
 */
final class MessageTraffic implements AutoCloseable {

    /** The first pause before a refused send goes again; each refusal of it doubles the pause, to 5 s. */
    private static final Duration RETRY_AFTER = Duration.ofMillis(200);
    private static final Duration RETRY_AT_MOST = Duration.ofSeconds(5);

    final Ledger ledger = new Ledger();
    final LatencyTimeline storedLatency = new LatencyTimeline();
    final LatencyTimeline deliveredLatency = new LatencyTimeline();
    /** Group messages: from the send until the last member has its copy. */
    final LatencyTimeline lastCopyLatency = new LatencyTimeline();
    final AtomicLong systemMessages = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong stored = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong unsendable = new AtomicLong();
    final AtomicLong ackRetries = new AtomicLong();
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "load-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile long measuredFrom = Long.MIN_VALUE;
    private volatile long measuredUntil = Long.MAX_VALUE;

    private record Pending(ChatConnection sender, ClientFrame frame, int refusals) {
    }

    /** {@code --drain}: how long to wait for the rest after the last send. */
    static Duration drainOption(io.chatserver.loadtest.Options options) {
        return options.duration("drain", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(10));
    }

    /** {@code --duration}: the measured part of a traffic run. */
    static Duration durationOption(io.chatserver.loadtest.Options options) {
        return options.duration("duration", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(30));
    }

    /** {@code --warmup}: traffic before the measured part, not counted in the totals. */
    static Duration warmupOption(io.chatserver.loadtest.Options options, Duration byDefault) {
        return options.duration("warmup", byDefault, Duration.ZERO, Duration.ofMinutes(10));
    }

    /** {@code --body-bytes}: the size of each message body. */
    static int bodyBytesOption(io.chatserver.loadtest.Options options) {
        return options.integer("body-bytes", 100, 1, 65_536);
    }

    /** Only messages meant to be sent in [from, until) count in the latency totals. */
    void measure(long fromNanos, long untilNanos) {
        measuredFrom = fromNanos;
        measuredUntil = untilNanos;
    }

    void send(ChatConnection from, String recipientUserId, ByteString body, long intendedNanos) {
        send(from, SendMessage.newBuilder().setRecipientUserId(recipientUserId), Set.of(recipientUserId), body,
                intendedNanos);
    }

    /** To a group: a copy is expected at each of {@code recipients} (the other members). */
    void sendToGroup(ChatConnection from, String groupId, Set<String> recipients, ByteString body, long intendedNanos) {
        send(from, SendMessage.newBuilder().setGroupId(groupId), recipients, body, intendedNanos);
    }

    private void send(ChatConnection from, SendMessage.Builder message, Set<String> recipients, ByteString body,
            long intendedNanos) {
        String clientId = UUID.randomUUID().toString();
        ClientFrame frame = ClientFrame.newBuilder().setRequestId(clientId)
                .setSendMessage(message.setClientMessageId(clientId).setContentType("text/plain").setBody(body))
                .build();
        ledger.expect(clientId, recipients, intendedNanos);
        pending.put(clientId, new Pending(from, frame, 0));
        sent.incrementAndGet();
        if (!from.send(frame)) {
            // The sender's connection is gone. It stays unanswered: resendFromClosed sends it again once
            // the user is back (reconnect-storm); otherwise the ledger shows it missing.
            unsendable.incrementAndGet();
        }
    }

    /** What fails a run besides the ledger: valid sends refused for good, connections dropped. */
    List<String> failures(List<ChatConnection> connections) {
        List<String> failures = new java.util.ArrayList<>();
        if (refused.get() > 0) {
            failures.add(refused.get() + " sends refused for good");
        }
        long lost = lost(connections);
        if (lost > 0) {
            failures.add(lost + " connections closed by the server or the network (close code: count "
                    + CloseCodes.ofLost(connections) + ", 0 = no close frame)");
        }
        return failures;
    }

    /** Send -> stored and send -> delivered, over the measured messages. */
    Map<String, io.chatserver.loadtest.report.Percentiles> latencies() {
        Map<String, io.chatserver.loadtest.report.Percentiles> latencies = new java.util.LinkedHashMap<>();
        latencies.put("send -> stored", io.chatserver.loadtest.report.Percentiles.of(storedLatency.total()));
        latencies.put("send -> delivered", io.chatserver.loadtest.report.Percentiles.of(deliveredLatency.total()));
        return latencies;
    }

    /** The refusals of the run, into its numbers. */
    void putRefusals(Map<String, Object> numbers) {
        numbers.put("sends refused and sent again", retried.get());
        numbers.put("sends refused for good", refused.get());
        numbers.put("acks refused for now and sent again", ackRetries.get());
    }

    /** Connections of the run that the server or the network closed. */
    static long lost(List<ChatConnection> connections) {
        return connections.stream().filter(ChatConnection::lost).count();
    }

    /**
     * What an app does once it is connected again: every send still unanswered on a connection that
     * is gone goes again, with the same id, on the user's current connection. Returns how many.
     */
    int resendFromClosed(Function<String, ChatConnection> currentOf) {
        int resent = 0;
        for (Map.Entry<String, Pending> entry : pending.entrySet()) {
            Pending old = entry.getValue();
            ChatConnection current = old.sender().isClosed() ? currentOf.apply(old.sender().user().userId()) : null;
            if (current != null && !current.isClosed()
                    && pending.replace(entry.getKey(), old, new Pending(current, old.frame(), old.refusals()))) {
                current.send(old.frame());
                resent++;
            }
        }
        return resent;
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
                if (frame.getMessage().hasGroupChange()) {
                    systemMessages.incrementAndGet(); // "X added Y": the server's, not in the ledger
                    return;
                }
                Ledger.Expected expected = ledger.expected(frame.getMessage().getClientMessageId());
                Ledger.Arrival arrival = ledger.received(connection.user().userId(), frame.getMessage(),
                        connection.serial());
                if (arrival == Ledger.Arrival.FIRST || arrival == Ledger.Arrival.LAST_COPY) {
                    delivered.incrementAndGet();
                    deliveredLatency.record(now - expected.intendedNanos(), measured(expected));
                }
                if (arrival == Ledger.Arrival.LAST_COPY) {
                    lastCopyLatency.record(now - expected.intendedNanos(), measured(expected));
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
            case OK -> {
                if (frame.getRequestId().startsWith(ChatConnection.ACK_REQUEST)) {
                    ledger.confirmed(connection.user().userId(),
                            frame.getRequestId().substring(ChatConnection.ACK_REQUEST.length()));
                }
            }
            case ERROR -> refusedSend(connection, frame);
            default -> {
            }
        }
    }

    private boolean measured(Ledger.Expected expected) {
        return expected.intendedNanos() >= measuredFrom && expected.intendedNanos() < measuredUntil;
    }

    private void refusedSend(ChatConnection connection, ServerFrame frame) {
        if (frame.getRequestId().startsWith(ChatConnection.ACK_REQUEST)) {
            refusedAck(connection, frame);
            return;
        }
        Pending refusedSend = pending.get(frame.getRequestId());
        if (refusedSend == null) {
            return; // a late answer
        }
        ErrorCode code = frame.getError().getCode();
        if (code == ErrorCode.MESSAGE_STORE_UNAVAILABLE || code == ErrorCode.RATE_LIMITED) {
            retried.incrementAndGet();
            Pending again = new Pending(refusedSend.sender(), refusedSend.frame(), refusedSend.refusals() + 1);
            if (!pending.replace(frame.getRequestId(), refusedSend, again)) {
                return; // answered or moved to a new connection meanwhile
            }
            long pause = Math.min(RETRY_AT_MOST.toMillis(), RETRY_AFTER.toMillis() << Math.min(refusedSend.refusals(), 5));
            try {
                // Whatever connection the user has by then (resendFromClosed may have moved it).
                timers.schedule(() -> {
                    Pending now = pending.get(frame.getRequestId());
                    if (now != null) {
                        now.sender().send(now.frame());
                    }
                }, ThreadLocalRandom.current().nextLong(pause / 2, pause + 1), TimeUnit.MILLISECONDS);
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

    /** As an app does: an ack refused for now (1006, 2004) goes again after a pause; others are left. */
    private void refusedAck(ChatConnection connection, ServerFrame frame) {
        ErrorCode code = frame.getError().getCode();
        if (code != ErrorCode.MESSAGE_STORE_UNAVAILABLE && code != ErrorCode.RATE_LIMITED) {
            return; // 2005: not delivered on this connection (a repeat after the answer was lost)
        }
        String id = frame.getRequestId().substring(ChatConnection.ACK_REQUEST.length());
        ackRetries.incrementAndGet();
        try {
            timers.schedule(() -> connection.ack(id),
                    ThreadLocalRandom.current().nextLong(RETRY_AFTER.toMillis(), 2 * RETRY_AFTER.toMillis()),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException runOver) {
            // the run has ended
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
