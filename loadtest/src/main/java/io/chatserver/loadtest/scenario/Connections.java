package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.report.ProcessProbe;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.users.LoadUser;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code connections}: N authenticated connections, idle but for the server's heartbeats, held
 * for {@code --hold}. Reports how many were held to the end, the connect rate, and per handler
 * (when {@code CHAT_SERVICE_PIDS} names them) the RSS growth per connection and the CPU at rest.
 * The run fails if any connection closed while held.
 */
public final class Connections implements Scenario {

    private static final List<String> HANDLER_NAMES = List.of("ws-handler-1", "ws-handler-2", "ws-handler-3");

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public RunResult run(Options options, Environment environment) {
        int count = options.integer("connections", 1_000, 1, 60_000);
        Duration hold = options.duration("hold", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1));
        Fleet fleet = Fleet.of(options, environment);
        options.requireAllUsed();
        String startedAt = Instant.now().toString();
        ProcessProbe probe = ProcessProbe.fromEnvironment();

        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("connections asked for", count);
        List<LoadUser> users = fleet.register(count, "users", numbers);
        Map<String, Long> rssBefore = rss(probe);
        List<ChatConnection> connections = fleet.connect(users, (connection, frame, now) -> { }, "users", numbers);
        Map<String, Long> rssConnected = rss(probe);
        Map<String, Double> cpuBefore = cpu(probe);
        long holding = System.nanoTime();
        try {
            Thread.sleep(hold.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double heldSeconds = (System.nanoTime() - holding) / 1e9;
        Map<String, Double> cpuAfter = cpu(probe);
        long open = connections.stream().filter(connection -> !connection.isClosed()).count();
        numbers.put("held to the end", open);
        numbers.put("closed while held", count - open);
        for (String handler : rssBefore.keySet()) {
            long held = fleet.connectionsOn(handler, count);
            numbers.put(handler + " RSS (MiB)", rssConnected.get(handler) / 1024.0);
            if (held > 0) {
                numbers.put(handler + " connections", held);
                numbers.put(handler + " RSS per connection (KiB)", (rssConnected.get(handler) - rssBefore.get(handler))
                        / (double) held);
            }
            numbers.put(handler + " CPU at rest (% of a core)", 100 * (cpuAfter.get(handler) - cpuBefore.get(handler))
                    / heldSeconds);
        }
        if (rssBefore.isEmpty()) {
            numbers.put("handler memory and CPU", "not measured (CHAT_SERVICE_PIDS not set; ./chat load sets it)");
        }
        environment.log("held %d of %d connections for %.0f s", open, count, heldSeconds);
        connections.forEach(ChatConnection::close);
        List<String> failures = open == count ? List.of() : List.of((count - open) + " connections closed while held");
        return new RunResult(name(), startedAt, environment.machine(), options.used(), numbers, Map.of(), null,
                List.of(), failures);
    }

    private static Map<String, Long> rss(ProcessProbe probe) {
        Map<String, Long> rss = new LinkedHashMap<>();
        HANDLER_NAMES.stream().filter(probe::knows).forEach(name -> rss.put(name, probe.rssKiB(name)));
        return rss;
    }

    private static Map<String, Double> cpu(ProcessProbe probe) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        HANDLER_NAMES.stream().filter(probe::knows).forEach(name -> cpu.put(name, probe.cpuSeconds(name)));
        return cpu;
    }
}
