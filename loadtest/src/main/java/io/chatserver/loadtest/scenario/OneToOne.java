package io.chatserver.loadtest.scenario;

import com.google.protobuf.ByteString;
import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.client.Connector;
import io.chatserver.loadtest.ledger.Ledger;
import io.chatserver.loadtest.report.LatencyTimeline;
import io.chatserver.loadtest.report.Percentiles;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.users.LoadUser;
import io.chatserver.loadtest.users.Registrar;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.SendMessage;
import io.chatserver.protocol.v1.ServerFrame;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code one-to-one}: U online users send to random online peers at a fixed total rate (open loop:
 * each message has its moment, and a late one counts its lateness), across the handlers. Latency
 * runs from that intended moment to MessageSent at the sender ("stored") and to the ChatMessage
 * at the recipient ("delivered"). A send refused with a retryable error (2004, 1006) is sent again
 * with the same id, as an app does.
 */
public final class OneToOne implements Scenario {

    private static final Duration RETRY_AFTER = Duration.ofMillis(200);

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile long measuredFrom = Long.MAX_VALUE;
    private volatile long measuredUntil = Long.MIN_VALUE;
    private final Ledger ledger = new Ledger();
    private final LatencyTimeline storedLatency = new LatencyTimeline();
    private final LatencyTimeline deliveredLatency = new LatencyTimeline();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "load-timer");
        thread.setDaemon(true);
        return thread;
    });

    private record Pending(ChatConnection sender, ClientFrame frame) {
    }

    @Override
    public String name() {
        return "one-to-one";
    }

    @Override
    public RunResult run(Options options, Environment environment) {
        int users = options.integer("users", 100, 2, 60_000);
        int rate = options.integer("rate", 200, 1, 100_000);
        Duration duration = options.duration("duration", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(30));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(10));
        Duration drain = options.duration("drain", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(10));
        int bodyBytes = options.integer("body-bytes", 100, 1, 65_536);
        int parallel = options.integer("parallel", 32, 1, 512);
        URI userService = options.loopbackUris("user-service", Environment.USER_SERVICE).get(0);
        List<URI> handlers = options.loopbackUris("handlers", Environment.HANDLERS);
        options.requireAllUsed();
        String startedAt = Instant.now().toString();

        long registering = System.nanoTime();
        List<LoadUser> accounts = new Registrar(userService).register(users, parallel);
        double registerSeconds = seconds(registering);
        environment.log("registered %d users in %.1f s", users, registerSeconds);
        long connecting = System.nanoTime();
        List<ChatConnection> connections = new Connector(handlers).open(accounts, this::received, parallel);
        double connectSeconds = seconds(connecting);
        environment.log("connected %d users to %d handlers in %.1f s", users, handlers.size(), connectSeconds);

        ByteString body = ByteString.copyFromUtf8("x".repeat(bodyBytes));
        List<RunResult.TimelinePoint> timeline = new ArrayList<>();
        long warmupSeconds = warmup.toSeconds();
        long start = System.nanoTime();
        long end = start + warmup.plus(duration).toNanos();
        var ticker = timers.scheduleAtFixedRate(new Ticker(warmupSeconds, warmupSeconds + duration.toSeconds(),
                timeline), 1, 1, TimeUnit.SECONDS);
        measuredFrom = start + warmup.toNanos();
        measuredUntil = end;
        long[] atMeasureStart = new long[2];
        boolean measuring = false;
        long periodNanos = 1_000_000_000L / rate;
        long scheduled = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            for (long due = (now - start) / periodNanos; scheduled <= due; scheduled++) {
                long intended = start + scheduled * periodNanos;
                if (intended >= measuredFrom && !measuring) {
                    measuring = true;
                    atMeasureStart[0] = sent.get();
                    atMeasureStart[1] = delivered.get();
                }
                sendOne(connections, body, intended);
            }
            LockSupport.parkNanos(200_000);
        }
        long sentMeasured = sent.get() - atMeasureStart[0];
        long deliveredBeforeDrain = delivered.get() - atMeasureStart[1];
        long draining = System.nanoTime();
        long drainUntil = draining + drain.toNanos();
        while (ledger.outstanding() > 0 && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(10_000_000);
        }
        double drainSeconds = seconds(draining);
        ticker.cancel(false);
        timers.shutdown();
        connections.forEach(ChatConnection::close);

        double measuredSeconds = duration.toMillis() / 1000.0;
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("users", users);
        numbers.put("handlers", handlers.size());
        numbers.put("target rate (msg/s)", rate);
        numbers.put("sent rate, measured (msg/s)", sentMeasured / measuredSeconds);
        numbers.put("delivered rate, measured (msg/s)", deliveredBeforeDrain / measuredSeconds);
        numbers.put("after the last send, all delivered in (s)", ledger.outstanding() == 0 ? drainSeconds : "no");
        numbers.put("sends refused and sent again", retried.get());
        numbers.put("sends refused for good", refused.get());
        numbers.put("registration (s)", registerSeconds);
        numbers.put("connecting (s)", connectSeconds);
        numbers.put("latency beyond 10 min (clamped)", storedLatency.beyondRange() + deliveredLatency.beyondRange());
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("send -> stored", Percentiles.of(storedLatency.total()));
        latencies.put("send -> delivered", Percentiles.of(deliveredLatency.total()));
        List<RunResult.TimelinePoint> seconds;
        synchronized (timeline) {
            seconds = List.copyOf(timeline);
        }
        return new RunResult(name(), startedAt, environment.machine(), options.used(), numbers, latencies,
                ledger.summary(), seconds);
    }

    private void sendOne(List<ChatConnection> connections, ByteString body, long intended) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(connections.size());
        int to = random.nextInt(connections.size() - 1);
        if (to >= from) {
            to++;
        }
        ChatConnection sender = connections.get(from);
        String recipient = connections.get(to).user().userId();
        String clientId = UUID.randomUUID().toString();
        ClientFrame frame = ClientFrame.newBuilder().setRequestId(clientId)
                .setSendMessage(SendMessage.newBuilder().setClientMessageId(clientId).setRecipientUserId(recipient)
                        .setContentType("text/plain").setBody(body))
                .build();
        ledger.expect(clientId, recipient, intended);
        pending.put(clientId, new Pending(sender, frame));
        sent.incrementAndGet();
        sender.send(frame);
    }

    private void received(ChatConnection connection, ServerFrame frame, long now) {
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

    /** Meant to be sent in the measured part of the run (after the warm-up, before the end). */
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
            timers.schedule(() -> refusedSend.sender().send(refusedSend.frame()), RETRY_AFTER.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            refused.incrementAndGet();
            pending.remove(frame.getRequestId());
        }
    }

    /** Closes one second of the timeline. */
    private final class Ticker implements Runnable {

        private final long fromSecond;
        private final long untilSecond;
        private final List<RunResult.TimelinePoint> timeline;
        private long lastSent;
        private long lastStored;
        private long lastDelivered;
        private long second;

        Ticker(long fromSecond, long untilSecond, List<RunResult.TimelinePoint> timeline) {
            this.fromSecond = fromSecond;
            this.untilSecond = untilSecond;
            this.timeline = timeline;
        }

        @Override
        public void run() {
            long current = second++;
            boolean measured = current >= fromSecond && current < untilSecond;
            storedLatency.tick(current);
            deliveredLatency.tick(current);
            LatencyTimeline.Second latency = deliveredLatency.seconds().get(deliveredLatency.seconds().size() - 1);
            long nowSent = sent.get();
            long nowStored = stored.get();
            long nowDelivered = delivered.get();
            Map<String, Long> perSecond = new LinkedHashMap<>();
            perSecond.put("sent", nowSent - lastSent);
            perSecond.put("stored", nowStored - lastStored);
            perSecond.put("delivered", nowDelivered - lastDelivered);
            lastSent = nowSent;
            lastStored = nowStored;
            lastDelivered = nowDelivered;
            synchronized (timeline) {
                timeline.add(new RunResult.TimelinePoint(current, measured, perSecond, latency.p50(), latency.p99(),
                        latency.max()));
            }
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
