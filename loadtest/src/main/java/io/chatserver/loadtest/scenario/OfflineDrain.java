package io.chatserver.loadtest.scenario;

import com.google.protobuf.ByteString;
import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.users.LoadUser;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code offline-drain}: senders queue {@code --messages} for {@code --recipients} offline users
 * (round-robin) through the real send path, each sender keeping at most {@code --window} sends
 * unanswered. Once every one is stored, all recipients connect at once; the run measures how long
 * until every message has arrived (and been acknowledged: each arrival is acked at once).
 */
public final class OfflineDrain implements Scenario {

    @Override
    public String name() {
        return "offline-drain";
    }

    @Override
    public RunResult run(Options options, Environment environment) {
        int recipients = options.integer("recipients", 1, 1, 20_000);
        int messages = options.integer("messages", 10_000, 1, 1_000_000);
        int senders = options.integer("senders", 50, 1, 20_000);
        int window = options.integer("window", 10, 1, 1_000);
        int bodyBytes = options.integer("body-bytes", 100, 1, 65_536);
        Duration fillTimeout = options.duration("fill-timeout", Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofHours(1));
        Duration drainTimeout = options.duration("drain", Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(30));
        Fleet fleet = Fleet.of(options, environment);
        options.requireAllUsed();
        String startedAt = Instant.now().toString();

        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("recipients", recipients);
        numbers.put("messages queued", messages);
        try (MessageTraffic traffic = new MessageTraffic()) {
            traffic.measure(Long.MAX_VALUE, Long.MAX_VALUE); // send-to-arrival times span the fill: not a latency
            List<LoadUser> offline = fleet.register(recipients, "recipients", numbers);
            List<ChatConnection> sending = fleet.connect(fleet.register(senders, "senders", numbers),
                    traffic::received, "senders", numbers);

            long filling = System.nanoTime();
            ByteString body = ByteString.copyFromUtf8("x".repeat(bodyBytes));
            for (int i = 0; i < messages; i++) {
                while (traffic.unanswered() >= senders * window) {
                    LockSupport.parkNanos(1_000_000);
                }
                traffic.send(sending.get(i % senders), offline.get(i % recipients).userId(), body, System.nanoTime());
            }
            if (!MessageTraffic.await(traffic::unanswered, fillTimeout)) {
                throw new IllegalStateException(traffic.unanswered() + " sends still unanswered after " + fillTimeout);
            }
            double fillSeconds = (System.nanoTime() - filling) / 1e9;
            numbers.put("queueing (s)", fillSeconds);
            numbers.put("queueing rate (msg/s)", messages / fillSeconds);
            environment.log("queued %d messages for %d offline users in %.1f s (%.0f msg/s)", messages, recipients,
                    fillSeconds, messages / fillSeconds);

            long draining = System.nanoTime();
            List<ChatConnection> receiving = fleet.connect(offline, traffic::received, "recipients", numbers);
            boolean drained = MessageTraffic.await(traffic.ledger::outstanding, drainTimeout);
            double drainSeconds = (System.nanoTime() - draining) / 1e9;
            List<ChatConnection> all = java.util.stream.Stream.concat(receiving.stream(), sending.stream()).toList();
            numbers.put("connections lost during the run", MessageTraffic.lost(all));
            receiving.forEach(ChatConnection::close);
            numbers.put("drain, from the first connect to the last message (s)", drained ? drainSeconds : "no");
            numbers.put("drain rate (msg/s)", traffic.delivered.get() / drainSeconds);
            traffic.putRefusals(numbers);
            environment.log("drained %d of %d messages in %.1f s", traffic.delivered.get(), messages, drainSeconds);
            sending.forEach(ChatConnection::close);
            return new RunResult(name(), startedAt, environment.machine(), options.used(), numbers, Map.of(),
                    traffic.ledger.summary(), List.of(), traffic.failures(all));
        }
    }
}
