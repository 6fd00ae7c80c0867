package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.client.FrameListener;
import io.chatserver.loadtest.report.Percentiles;
import io.chatserver.loadtest.report.ProcessProbe;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.users.LoadUser;
import io.chatserver.loadtest.users.PrivacySetter;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.PresenceState;
import io.chatserver.protocol.v1.SubscribePresence;
import io.chatserver.protocol.v1.UserPresence;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code presence}: U users online (privacy EVERYONE), each watching W random others
 * (SubscribePresence); then, open loop, C users a second go away (their connection closes) and come
 * back after {@code --away}, subscribing again as an app does. Reports the presence updates pushed
 * per second against the most a watcher could be owed, the latency from a close to each watcher's
 * OFFLINE and from a Welcome to each watcher's ONLINE, and each process's CPU over the churn.
 */
public final class PresenceChurn implements Scenario {

    @Override
    public String name() {
        return "presence";
    }

    @Override
    public RunResult run(Options options, Environment environment) {
        int users = options.integer("users", 1_000, 2, 20_000);
        int watch = Math.min(users - 1, options.integer("watch", 20, 1, 100));
        int churn = options.integer("churn", 10, 1, 10_000);
        Duration away = options.duration("away", Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMinutes(1));
        Duration duration = options.duration("duration", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(30));
        var lastseen = options.loopbackUris("lastseen-service", "http://127.0.0.1:8085").get(0);
        Fleet fleet = Fleet.of(options, environment);
        options.requireAllUsed();
        String startedAt = Instant.now().toString();
        ProcessProbe probe = ProcessProbe.fromEnvironment();

        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("users", users);
        numbers.put("watched per user", watch);
        numbers.put("users going away per second", churn);
        List<LoadUser> accounts = fleet.register(users, "users", numbers);
        long settingPrivacy = System.nanoTime();
        new PrivacySetter(lastseen).set(accounts, "EVERYONE", fleet.parallel());
        numbers.put("setting privacy to EVERYONE (s)", (System.nanoTime() - settingPrivacy) / 1e9);
        Map<String, List<String>> watchedBy = subscriptions(accounts, watch);

        Map<String, Long> awayAt = new ConcurrentHashMap<>();
        Map<String, Long> backAt = new ConcurrentHashMap<>();
        Histogram offlineLatency = new Histogram(60_000_000L, 3);
        Histogram onlineLatency = new Histogram(60_000_000L, 3);
        AtomicLong pushed = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong subscribed = new AtomicLong();
        Set<String> unanswered = ConcurrentHashMap.newKeySet(); // users whose first subscription has no answer yet
        Map<Integer, AtomicLong> refusals = new ConcurrentHashMap<>();
        Map<Long, Integer> attempts = new ConcurrentHashMap<>();
        ScheduledExecutorService returns = Executors.newScheduledThreadPool(4);
        FrameListener listener = (connection, frame, now) -> {
            if (frame.hasError() && frame.getRequestId().startsWith("sub")) {
                refusals.computeIfAbsent(frame.getError().getCodeValue(), code -> new AtomicLong()).incrementAndGet();
                int code = frame.getError().getCodeValue();
                if (code == 1603 || code == 1006 || code == 1008) { // busy, too often, timed out: asked again, backing off
                    int attempt = attempts.merge(connection.serial(), 1, Integer::sum);
                    long pause = Math.min(5_000, 250L << Math.min(attempt, 5));
                    returns.schedule(() -> subscribe(connection, watchedBy),
                            pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1), TimeUnit.MILLISECONDS);
                } else {
                    refused.incrementAndGet();
                }
            } else if (frame.hasPresence() && !frame.getRequestId().isEmpty()) {
                if (unanswered.remove(connection.user().userId())) {
                    answered.incrementAndGet(); // each user's first subscription once
                }
                subscribed.incrementAndGet();
            } else if (frame.hasPresence()) {
                for (UserPresence presence : frame.getPresence().getUsersList()) {
                    pushed.incrementAndGet();
                    Long since = presence.getState() == PresenceState.OFFLINE ? awayAt.get(presence.getUserId())
                            : presence.getState() == PresenceState.ONLINE ? backAt.get(presence.getUserId()) : null;
                    if (since != null) {
                        (presence.getState() == PresenceState.OFFLINE ? offlineLatency : onlineLatency)
                                .recordValue(Math.max(0, (now - since) / 1_000));
                    }
                }
            }
        };
        Map<String, ChatConnection> current = new ConcurrentHashMap<>();
        fleet.connect(accounts, listener, "users", numbers).forEach(c -> current.put(c.user().userId(), c));
        long subscribing = System.nanoTime();
        unanswered.addAll(current.keySet());
        current.values().forEach(connection -> subscribe(connection, watchedBy));
        boolean allAnswered = false;
        for (int tick = 0; tick < 60 && !allAnswered; tick++) { // at most 5 minutes, a line every 5 s
            allAnswered = MessageTraffic.await(() -> users - answered.get() - refused.get(), Duration.ofSeconds(5));
            environment.log("subscriptions answered %d of %d, refused for good %d, refused and made again %s",
                    answered.get(), users, refused.get(), refusals);
        }
        numbers.put("subscribing all (s)", (System.nanoTime() - subscribing) / 1e9);
        unanswered.stream().limit(5).map(current::get).forEach(connection -> environment.log(
                "no answer to the subscription of %s (connection %s)", connection.user().userId(), !connection.isClosed()
                        ? "open" : String.format("closed %.1f s after subscribing began, close code %d",
                        (connection.endedAtNanos() - subscribing) / 1e9, connection.closeCode())));
        numbers.put("subscriptions refused for good", refused.get());

        Map<String, Integer> watchers = new HashMap<>();
        watchedBy.values().forEach(list -> list.forEach(user -> watchers.merge(user, 1, Integer::sum)));
        Set<String> gone = ConcurrentHashMap.newKeySet();
        AtomicLong owed = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        AtomicLong wentAway = new AtomicLong();
        List<String> failures = new ArrayList<>();
        Map<String, LoadUser> byId = new HashMap<>();
        accounts.forEach(account -> byId.put(account.userId(), account));
        pushed.set(0);
        Map<String, Double> cpuBefore = probe.cpuSecondsOfAll();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        OpenLoop.run(start, () -> end, churn, intended -> {
            String user = accounts.get(ThreadLocalRandom.current().nextInt(users)).userId();
            if (!gone.add(user)) {
                return; // already away: this moment goes to nobody
            }
            // Each watcher that is connected is owed an OFFLINE now and an ONLINE when the user is back.
            owed.addAndGet(2L * watchers.getOrDefault(user, 0));
            wentAway.incrementAndGet();
            awayAt.put(user, System.nanoTime());
            backAt.remove(user);
            current.remove(user).close();
            returns.schedule(() -> {
                try {
                    ChatConnection back = fleet.reconnect(byId.get(user), listener, retries);
                    backAt.put(user, System.nanoTime());
                    awayAt.remove(user);
                    current.put(user, back);
                    subscribe(back, watchedBy);
                    gone.remove(user);
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add("a user could not come back: " + e.getMessage());
                    }
                }
            }, away.toMillis(), TimeUnit.MILLISECONDS);
        });
        boolean allBack = MessageTraffic.await(gone::size, away.plusSeconds(30));
        returns.shutdown();
        LockSupport.parkNanos(Duration.ofSeconds(2).toNanos()); // the last pushes
        double churnSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpuAfter = probe.cpuSecondsOfAll();
        long updates = pushed.get();
        current.values().forEach(ChatConnection::close);

        numbers.put("churn phase (s)", churnSeconds);
        numbers.put("users who went away and came back", wentAway.get());
        numbers.put("presence updates pushed", updates);
        numbers.put("presence updates per second", updates / churnSeconds);
        numbers.put("updates owed at most (watchers of each change, connected or not)", owed.get());
        numbers.put("handshakes refused and tried again while churning", retries.get());
        numbers.put("subscriptions made, all phases", subscribed.get());
        numbers.put("subscriptions refused and made again, by code", new java.util.TreeMap<>(refusals).toString());
        double cpuAll = 0;
        for (String name : probe.names()) {
            double used = cpuAfter.getOrDefault(name, 0.0) - cpuBefore.getOrDefault(name, 0.0);
            cpuAll += used;
            numbers.put("CPU " + name + " (% of a core)", 100 * used / churnSeconds);
        }
        numbers.put("CPU all processes above (% of a core)", 100 * cpuAll / churnSeconds);
        numbers.put("CPU all processes per update pushed (ms)", updates == 0 ? 0 : 1000 * cpuAll / updates);
        Map<String, Percentiles> latencies = new LinkedHashMap<>();
        latencies.put("close -> watcher sees OFFLINE", Percentiles.of(offlineLatency));
        latencies.put("welcome -> watcher sees ONLINE", Percentiles.of(onlineLatency));
        if (!allBack) {
            failures.add(gone.size() + " users did not come back");
        }
        if (!allAnswered || refused.get() > 0) {
            failures.add("the first subscriptions were not all answered within 5 minutes, or some were refused for good ("
                    + refused.get() + ")");
        }
        if (updates == 0) {
            failures.add("no presence update reached a watcher");
        }
        return new RunResult(name(), startedAt, environment.machine(), options.used(), numbers, latencies, null,
                List.of(), failures);
    }

    /** Each user watches W distinct others, at random. */
    private static Map<String, List<String>> subscriptions(List<LoadUser> accounts, int watch) {
        Map<String, List<String>> watchedBy = new HashMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (LoadUser user : accounts) {
            Set<String> picked = new LinkedHashSet<>();
            while (picked.size() < watch) {
                String other = accounts.get(random.nextInt(accounts.size())).userId();
                if (!other.equals(user.userId())) {
                    picked.add(other);
                }
            }
            watchedBy.put(user.userId(), List.copyOf(picked));
        }
        return watchedBy;
    }

    private static void subscribe(ChatConnection connection, Map<String, List<String>> watchedBy) {
        connection.send(ClientFrame.newBuilder().setRequestId("sub")
                .setSubscribePresence(SubscribePresence.newBuilder().addAllUserIds(watchedBy.get(connection.user().userId())))
                .build());
    }

}
