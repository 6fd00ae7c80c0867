package io.chatserver.loadtest.scenario;

import com.google.protobuf.ByteString;
import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.report.Percentiles;
import io.chatserver.loadtest.report.ProcessProbe;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.users.LoadUser;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code one-to-one}: U online users send to random online peers at a fixed total rate (open loop:
 * each message has its moment, and a late one counts its lateness), across the handlers. Latency
 * runs from that intended moment to MessageSent at the sender ("stored") and to the ChatMessage
 * at the recipient ("delivered").
 */
public final class OneToOne implements Scenario {

    /** Where {@code ./chat load bare-relay} starts the relay. */
    public static final String BARE_RELAY = "ws://127.0.0.1:8099/v1/ws";

    private final boolean bareRelay;

    public OneToOne() {
        this(false);
    }

    private OneToOne(boolean bareRelay) {
        this.bareRelay = bareRelay;
    }

    /**
     * {@code bare-relay}: the same traffic against {@link io.chatserver.loadtest.relay.BareRelay}, with
     * made-up users (the relay takes the bearer token for the user id and checks nothing).
     */
    public static OneToOne againstBareRelay() {
        return new OneToOne(true);
    }

    @Override
    public String name() {
        return bareRelay ? "bare-relay" : "one-to-one";
    }

    @Override
    public RunResult run(Options options, Environment environment) {
        int users = options.integer("users", 100, 2, 60_000);
        int rate = options.integer("rate", 200, 1, 100_000);
        Duration duration = MessageTraffic.durationOption(options);
        Duration warmup = MessageTraffic.warmupOption(options, Duration.ofSeconds(10));
        Duration drain = MessageTraffic.drainOption(options);
        int bodyBytes = MessageTraffic.bodyBytesOption(options);
        Fleet fleet = bareRelay ? Fleet.of(options, environment, BARE_RELAY) : Fleet.of(options, environment);
        ProcessProbe probe = ProcessProbe.fromEnvironment();
        options.requireAllUsed();
        String startedAt = Instant.now().toString();

        Map<String, Object> numbers = fleet.numbers(users, rate);
        try (MessageTraffic traffic = new MessageTraffic()) {
            List<LoadUser> accounts = bareRelay ? Fleet.madeUp(users) : fleet.register(users, "users", numbers);
            List<ChatConnection> connections = fleet.connect(accounts, traffic::received, "users", numbers);

            ByteString body = ByteString.copyFromUtf8("x".repeat(bodyBytes));
            long start = System.nanoTime();
            long measuredFrom = start + warmup.toNanos();
            long end = measuredFrom + duration.toNanos();
            traffic.measure(measuredFrom, end);
            SecondTicker ticker = new SecondTicker(traffic, warmup.toSeconds(), warmup.plus(duration).toSeconds());
            long[] atMeasureStart = {-1, 0}; // sent, delivered when the first measured message was due
            List<Map<String, Double>> cpu = new ArrayList<>(); // at the start and the end of the measured part
            OpenLoop.run(start, () -> end, rate, intended -> {
                if (intended >= measuredFrom && atMeasureStart[0] < 0) {
                    atMeasureStart[0] = traffic.sent.get();
                    atMeasureStart[1] = traffic.delivered.get();
                    cpu.add(probe.cpuSecondsOfAll());
                }
                sendToRandomPeer(traffic, connections, body, intended);
            });
            cpu.add(probe.cpuSecondsOfAll());
            long sentMeasured = traffic.sent.get() - Math.max(0, atMeasureStart[0]);
            long deliveredMeasured = traffic.delivered.get() - atMeasureStart[1];
            long draining = System.nanoTime();
            boolean drained = MessageTraffic.await(traffic.ledger::outstanding, drain);
            double drainSeconds = (System.nanoTime() - draining) / 1e9;
            List<RunResult.TimelinePoint> seconds = ticker.stop();
            long lost = MessageTraffic.lost(connections);
            connections.forEach(ChatConnection::close);

            double measuredSeconds = duration.toMillis() / 1000.0;
            numbers.put("sent rate, measured (msg/s)", sentMeasured / measuredSeconds);
            numbers.put("delivered rate, measured (msg/s)", deliveredMeasured / measuredSeconds);
            numbers.put("after the last send, all delivered in (s)", drained ? drainSeconds : "no");
            traffic.putRefusals(numbers);
            numbers.put("connections lost during the run", lost);
            numbers.put("sends not written (connection gone)", traffic.unsendable.get());
            numbers.put("latency beyond 10 min (clamped)",
                    traffic.storedLatency.beyondRange() + traffic.deliveredLatency.beyondRange());
            if (cpu.size() == 2) {
                cpuPerMessage(cpu.get(0), cpu.get(1), deliveredMeasured, numbers);
            }
            Map<String, Percentiles> latencies = traffic.latencies();
            return new RunResult(name(), startedAt, environment.machine(), options.used(), numbers, latencies,
                    traffic.ledger.summary(), seconds, traffic.failures(connections));
        }
    }

    /** Per process, CPU time over the measured part divided by the messages delivered in it. */
    private static void cpuPerMessage(Map<String, Double> before, Map<String, Double> after, long messages,
            Map<String, Object> numbers) {
        double total = 0;
        for (String name : before.keySet()) {
            double seconds = after.get(name) - before.get(name);
            if (before.get(name) >= 0 && seconds >= 0) {
                total += seconds;
                numbers.put("CPU " + name + " (ms/message)", 1000 * seconds / Math.max(1, messages));
            }
        }
        numbers.put("CPU all processes above (ms/message)", 1000 * total / Math.max(1, messages));
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
}
