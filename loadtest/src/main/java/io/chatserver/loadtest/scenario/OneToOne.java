package io.chatserver.loadtest.scenario;

import com.google.protobuf.ByteString;
import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.report.LatencyTimeline;
import io.chatserver.loadtest.report.Percentiles;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.users.LoadUser;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code one-to-one}: U online users send to random online peers at a fixed total rate (open loop:
 * each message has its moment, and a late one counts its lateness), across the handlers. Latency
 * runs from that intended moment to MessageSent at the sender ("stored") and to the ChatMessage
 * at the recipient ("delivered").
 */
public final class OneToOne implements Scenario {

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
        Fleet fleet = Fleet.of(options, environment);
        options.requireAllUsed();
        String startedAt = Instant.now().toString();

        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("users", users);
        numbers.put("handlers", fleet.handlers());
        numbers.put("target rate (msg/s)", rate);
        try (MessageTraffic traffic = new MessageTraffic()) {
            List<LoadUser> accounts = fleet.register(users, "users", numbers);
            List<ChatConnection> connections = fleet.connect(accounts, traffic::received, "users", numbers);

            ByteString body = ByteString.copyFromUtf8("x".repeat(bodyBytes));
            List<RunResult.TimelinePoint> timeline = new ArrayList<>();
            long start = System.nanoTime();
            long measuredFrom = start + warmup.toNanos();
            long end = measuredFrom + duration.toNanos();
            traffic.measure(measuredFrom, end);
            var ticker = traffic.timers.scheduleAtFixedRate(new Ticker(traffic, warmup.toSeconds(),
                    warmup.plus(duration).toSeconds(), timeline), 1, 1, TimeUnit.SECONDS);
            long periodNanos = 1_000_000_000L / rate;
            long scheduled = 0;
            long sentAtMeasureStart = -1;
            long deliveredAtMeasureStart = 0;
            for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                for (long due = (now - start) / periodNanos; scheduled <= due; scheduled++) {
                    long intended = start + scheduled * periodNanos;
                    if (intended >= measuredFrom && sentAtMeasureStart < 0) {
                        sentAtMeasureStart = traffic.sent.get();
                        deliveredAtMeasureStart = traffic.delivered.get();
                    }
                    sendToRandomPeer(traffic, connections, body, intended);
                }
                LockSupport.parkNanos(200_000);
            }
            for (long intended = start + scheduled * periodNanos; intended < end; intended = start + ++scheduled * periodNanos) {
                sendToRandomPeer(traffic, connections, body, intended); // due before the end: sent, however late
            }
            long sentMeasured = traffic.sent.get() - Math.max(0, sentAtMeasureStart);
            long deliveredMeasured = traffic.delivered.get() - deliveredAtMeasureStart;
            long draining = System.nanoTime();
            boolean drained = MessageTraffic.await(traffic.ledger::outstanding, drain);
            double drainSeconds = (System.nanoTime() - draining) / 1e9;
            ticker.cancel(false);
            long lost = MessageTraffic.lost(connections);
            connections.forEach(ChatConnection::close);

            double measuredSeconds = duration.toMillis() / 1000.0;
            numbers.put("sent rate, measured (msg/s)", sentMeasured / measuredSeconds);
            numbers.put("delivered rate, measured (msg/s)", deliveredMeasured / measuredSeconds);
            numbers.put("after the last send, all delivered in (s)", drained ? drainSeconds : "no");
            numbers.put("sends refused and sent again", traffic.retried.get());
            numbers.put("sends refused for good", traffic.refused.get());
            numbers.put("connections lost during the run", lost);
            numbers.put("sends not written (connection gone)", traffic.unsendable.get());
            numbers.put("latency beyond 10 min (clamped)",
                    traffic.storedLatency.beyondRange() + traffic.deliveredLatency.beyondRange());
            Map<String, Percentiles> latencies = new LinkedHashMap<>();
            latencies.put("send -> stored", Percentiles.of(traffic.storedLatency.total()));
            latencies.put("send -> delivered", Percentiles.of(traffic.deliveredLatency.total()));
            List<RunResult.TimelinePoint> seconds;
            synchronized (timeline) {
                seconds = List.copyOf(timeline);
            }
            return new RunResult(name(), startedAt, environment.machine(), options.used(), numbers, latencies,
                    traffic.ledger.summary(), seconds, traffic.failures(lost));
        }
    }

    private static void sendToRandomPeer(MessageTraffic traffic, List<ChatConnection> connections, ByteString body,
            long intended) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(connections.size());
        int to = random.nextInt(connections.size() - 1);
        if (to >= from) {
            to++;
        }
        traffic.send(connections.get(from), connections.get(to).user().userId(), body, intended);
    }

    /** Closes one second of the timeline. */
    static final class Ticker implements Runnable {

        private final MessageTraffic traffic;
        private final long fromSecond;
        private final long untilSecond;
        private final List<RunResult.TimelinePoint> timeline;
        private long lastSent;
        private long lastStored;
        private long lastDelivered;
        private long second;

        Ticker(MessageTraffic traffic, long fromSecond, long untilSecond, List<RunResult.TimelinePoint> timeline) {
            this.traffic = traffic;
            this.fromSecond = fromSecond;
            this.untilSecond = untilSecond;
            this.timeline = timeline;
        }

        @Override
        public void run() {
            long current = second++;
            traffic.storedLatency.tick(current);
            traffic.deliveredLatency.tick(current);
            List<LatencyTimeline.Second> seconds = traffic.deliveredLatency.seconds();
            LatencyTimeline.Second latency = seconds.get(seconds.size() - 1);
            long nowSent = traffic.sent.get();
            long nowStored = traffic.stored.get();
            long nowDelivered = traffic.delivered.get();
            Map<String, Long> perSecond = new LinkedHashMap<>();
            perSecond.put("sent", nowSent - lastSent);
            perSecond.put("stored", nowStored - lastStored);
            perSecond.put("delivered", nowDelivered - lastDelivered);
            lastSent = nowSent;
            lastStored = nowStored;
            lastDelivered = nowDelivered;
            synchronized (timeline) {
                timeline.add(new RunResult.TimelinePoint(current, current >= fromSecond && current < untilSecond,
                        perSecond, latency.p50(), latency.p99(), latency.max()));
            }
        }
    }
}
