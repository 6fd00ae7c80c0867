package io.chatserver.loadtest.scenario;

import com.google.protobuf.ByteString;
import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.report.LagProbe;
import io.chatserver.loadtest.report.Percentiles;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.users.GroupMaker;
import io.chatserver.loadtest.users.LoadUser;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code group-fanout}: G groups of M members, every member online across the handlers; random
 * members send to their group at R messages/s in total (open loop). Each message is expected once
 * at each of the M-1 other members (the ledger counts copies); latency runs from the intended send
 * to each copy ("delivered") and to the last member's copy ("last member"). Reports deliveries/s
 * and the highest Kafka fan-out lag message-service showed during the run.
 */
public final class GroupFanout implements Scenario {

    @Override
    public String name() {
        return "group-fanout";
    }

    @Override
    public RunResult run(Options options, Environment environment) {
        int groups = options.integer("groups", 1, 1, 200);
        int members = options.integer("members", 256, 2, 256);
        int rate = options.integer("rate", 4, 1, 10_000);
        Duration duration = MessageTraffic.durationOption(options);
        Duration warmup = MessageTraffic.warmupOption(options, Duration.ofSeconds(5));
        Duration drain = MessageTraffic.drainOption(options);
        int bodyBytes = MessageTraffic.bodyBytesOption(options);
        URI groupService = options.loopbackUris("group-service", Environment.GROUP_SERVICE).get(0);
        URI messageService = options.loopbackUris("message-service", Environment.MESSAGE_SERVICE).get(0);
        Fleet fleet = Fleet.of(options, environment);
        options.requireAllUsed();
        String startedAt = Instant.now().toString();

        Map<String, Object> numbers = fleet.numbers(groups * members, rate);
        numbers.put("groups", groups);
        numbers.put("members per group", members);
        try (MessageTraffic traffic = new MessageTraffic()) {
            List<LoadUser> accounts = fleet.register(groups * members, "members", numbers);
            List<ChatConnection> connections = fleet.connect(accounts, traffic::received, "members", numbers);
            List<Group> made = makeGroups(groupService, connections, groups, members, numbers, environment);

            LagProbe lag = new LagProbe(messageService);
            // Its own thread: a slow HTTP sample must not hold up the ticker and the retries on traffic.timers.
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "load-lag-sampler");
                thread.setDaemon(true);
                return thread;
            });
            sampler.scheduleAtFixedRate(lag::sample, 0, 1, TimeUnit.SECONDS);
            ByteString body = ByteString.copyFromUtf8("x".repeat(bodyBytes));
            long start = System.nanoTime();
            long measuredFrom = start + warmup.toNanos();
            long end = measuredFrom + duration.toNanos();
            traffic.measure(measuredFrom, end);
            SecondTicker ticker = new SecondTicker(traffic, warmup.toSeconds(), warmup.plus(duration).toSeconds());
            long[] deliveredAtMeasureStart = {-1};
            OpenLoop.run(start, () -> end, rate, intended -> {
                if (intended >= measuredFrom && deliveredAtMeasureStart[0] < 0) {
                    deliveredAtMeasureStart[0] = traffic.delivered.get();
                }
                Group group = made.get(ThreadLocalRandom.current().nextInt(made.size()));
                ChatConnection sender = group.members().get(ThreadLocalRandom.current().nextInt(members));
                Set<String> others = new LinkedHashSet<>(group.userIds());
                others.remove(sender.user().userId());
                traffic.sendToGroup(sender, group.id(), others, body, intended);
            });
            long deliveredMeasured = traffic.delivered.get() - Math.max(0, deliveredAtMeasureStart[0]);
            long draining = System.nanoTime();
            boolean drained = MessageTraffic.await(traffic.ledger::outstanding, drain);
            double drainSeconds = (System.nanoTime() - draining) / 1e9;
            List<RunResult.TimelinePoint> seconds = ticker.stop();
            sampler.shutdownNow();
            lag.sample();
            long lost = MessageTraffic.lost(connections);
            connections.forEach(ChatConnection::close);

            double measuredSeconds = duration.toMillis() / 1000.0;
            numbers.put("group messages sent", traffic.sent.get());
            numbers.put("deliveries (copies) per second, measured", deliveredMeasured / measuredSeconds);
            numbers.put("after the last send, all delivered in (s)", drained ? drainSeconds : "no");
            numbers.put("fan-out lag, highest sampled (records)", lag.highest() < 0 ? "no samples" : lag.highest());
            numbers.put("fan-out lag samples", lag.samples());
            numbers.put("system messages received (group changes)", traffic.systemMessages.get());
            traffic.putRefusals(numbers);
            numbers.put("connections lost during the run", lost);
            Map<String, Percentiles> latencies = traffic.latencies();
            latencies.put("send -> last member", Percentiles.of(traffic.lastCopyLatency.total()));
            return new RunResult(name(), startedAt, environment.machine(), options.used(), numbers, latencies,
                    traffic.ledger.summary(), seconds, traffic.failures(connections));
        }
    }

    /** Member i of group g is connection g * members + i; the first creates the group with the others. */
    private static List<Group> makeGroups(URI groupService, List<ChatConnection> connections, int groups, int members,
            Map<String, Object> numbers, Environment environment) {
        long started = System.nanoTime();
        GroupMaker maker = new GroupMaker(groupService);
        List<Group> made = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            List<ChatConnection> in = connections.subList(g * members, (g + 1) * members);
            String id = maker.create("load group " + g, in.stream().map(ChatConnection::user).toList());
            made.add(new Group(id, in, in.stream().map(connection -> connection.user().userId()).toList()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        numbers.put("creating groups (s)", seconds);
        environment.log("created %d groups of %d in %.1f s", groups, members, seconds);
        return made;
    }

    private record Group(String id, List<ChatConnection> members, List<String> userIds) {
    }
}
