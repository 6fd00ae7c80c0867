package io.chatserver.loadtest.scenario;

import com.google.protobuf.ByteString;
import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.client.FrameListener;
import io.chatserver.loadtest.report.Percentiles;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.users.LoadUser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code reconnect-storm}: U users online, sending to random peers at a fixed rate; after
 * {@code --before} every connection drops at once (no close frame, as when a handler or the network
 * goes) and every user reconnects at once, while the traffic goes on. Like an app, a user sends
 * again (same client id) whatever was unanswered when it dropped or was sent while it was away.
 * Reports the time from the drop until all are back (Welcome) and synced (SyncComplete), and the
 * ledger over everything sent before, during and after the storm.
 */
public final class ReconnectStorm implements Scenario {

    @Override
    public String name() {
        return "reconnect-storm";
    }

    @Override
    public RunResult run(Options options, Environment environment) {
        int users = options.integer("users", 200, 2, 20_000);
        int rate = options.integer("rate", 20, 1, 100_000);
        Duration before = options.duration("before", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10));
        Duration after = options.duration("after", Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(10));
        Duration drain = MessageTraffic.drainOption(options);
        int bodyBytes = MessageTraffic.bodyBytesOption(options);
        Fleet fleet = Fleet.of(options, environment);
        options.requireAllUsed();
        String startedAt = Instant.now().toString();

        Map<String, Object> numbers = fleet.numbers(users, rate);
        try (MessageTraffic traffic = new MessageTraffic()) {
            List<LoadUser> accounts = fleet.register(users, "users", numbers);
            Map<Long, Long> syncedAt = new ConcurrentHashMap<>();
            FrameListener listener = (connection, frame, now) -> {
                if (frame.hasSyncComplete()) {
                    syncedAt.putIfAbsent(connection.serial(), now);
                }
                traffic.received(connection, frame, now);
            };
            Map<String, ChatConnection> current = new ConcurrentHashMap<>();
            List<ChatConnection> first = fleet.connect(accounts, listener, "users", numbers);
            first.forEach(connection -> current.put(connection.user().userId(), connection));
            List<String> userIds = accounts.stream().map(LoadUser::userId).toList();

            ByteString body = ByteString.copyFromUtf8("x".repeat(bodyBytes));
            long start = System.nanoTime();
            AtomicLong end = new AtomicLong(Long.MAX_VALUE); // set once everyone is back
            SecondTicker ticker = new SecondTicker(traffic, 0, Long.MAX_VALUE);
            Thread sender = new Thread(() -> OpenLoop.run(start, end::get, rate,
                    intended -> sendToRandomPeer(traffic, current, userIds, body, intended)), "load-sender");
            sender.start();

            LockSupport.parkNanos(before.toNanos());
            long dropped = System.nanoTime();
            first.forEach(ChatConnection::drop);
            environment.log("dropped all %d connections", first.size());
            List<ChatConnection> again = fleet.connect(accounts, listener, "users again", numbers);
            long back = System.nanoTime();
            again.forEach(connection -> current.put(connection.user().userId(), connection));
            end.set(back + after.toNanos());
            AtomicLong resent = new AtomicLong(traffic.resendFromClosed(current::get));
            var resender = traffic.timers.scheduleAtFixedRate(
                    () -> resent.addAndGet(traffic.resendFromClosed(current::get)), 1, 1, TimeUnit.SECONDS);

            boolean synced = MessageTraffic.await(() -> again.stream()
                    .filter(connection -> !syncedAt.containsKey(connection.serial())).count(), drain);
            join(sender);
            long draining = System.nanoTime();
            boolean drained = MessageTraffic.await(traffic.ledger::outstanding, drain);
            double drainSeconds = (System.nanoTime() - draining) / 1e9;
            resender.cancel(false);
            resent.addAndGet(traffic.resendFromClosed(current::get));
            long lost = MessageTraffic.lost(again);
            again.forEach(ChatConnection::close);

            numbers.put("dropped at once", first.size());
            numbers.put("from the drop until all were back (s)", (back - dropped) / 1e9);
            numbers.put("from the drop until all were synced (s)", synced
                    ? (again.stream().mapToLong(connection -> syncedAt.get(connection.serial())).max().orElse(back)
                    - dropped) / 1e9
                    : "no (not all got SyncComplete within --drain)");
            numbers.put("sends made while away or unanswered at the drop, sent again", resent.get());
            numbers.put("messages sent, all phases", traffic.sent.get());
            numbers.put("after the last send, all delivered in (s)", drained ? drainSeconds : "no");
            traffic.putRefusals(numbers);
            numbers.put("connections lost after the reconnect", lost);
            Map<String, Percentiles> latencies = traffic.latencies();
            List<RunResult.TimelinePoint> seconds = ticker.stop();
            List<String> failures = traffic.failures(again);
            if (!synced) {
                failures.add("not every user got SyncComplete after reconnecting");
            }
            return new RunResult(name(), startedAt, environment.machine(), options.used(), numbers, latencies,
                    traffic.ledger.summary(), seconds, failures);
        }
    }

    private static void sendToRandomPeer(MessageTraffic traffic, Map<String, ChatConnection> current,
            List<String> userIds, ByteString body, long intended) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(userIds.size());
        int to = random.nextInt(userIds.size() - 1);
        if (to >= from) {
            to++;
        }
        traffic.send(current.get(userIds.get(from)), userIds.get(to), body, intended);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
