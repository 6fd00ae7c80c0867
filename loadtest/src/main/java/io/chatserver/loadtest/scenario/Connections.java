package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.client.CloseCodes;
import io.chatserver.loadtest.report.ProcessProbe;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.users.LoadUser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code connections}: N authenticated connections, idle but for the server's heartbeats, held
 * for {@code --hold}; with {@code --processes=P} they are opened and held by P worker processes
 * side by side ({@link ConnectionsWorker}), as 57,000 connections need on these machines. Reports how many were held to the end, the connect rate, and per handler
 * (when {@code CHAT_SERVICE_PIDS} names them) the RSS growth per connection and the CPU at rest.
 * The run fails if any connection closed while held.
 */
public final class Connections implements Scenario {

    private static final List<String> HANDLER_NAMES = List.of("ws-handler-1", "ws-handler-2", "ws-handler-3",
            "ws-handler-4");
    /** Sockets one load process may hold: these machines cap a process at 20,000 open files. */
    private static final int PER_PROCESS = 19_500;
    /** Registering and connecting 20,000 users a worker takes minutes on 2 cores; bounded all the same. */
    private static final Duration WORKERS_CONNECT_WITHIN = Duration.ofMinutes(20);

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public RunResult run(Options options, Environment environment) {
        int count = options.integer("connections", 1_000, 1, 60_000);
        int processes = options.integer("processes", 1, 1, 8);
        Duration hold = options.duration("hold", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1));
        Fleet fleet = Fleet.of(options, environment);
        options.requireAllUsed();
        if ((count + processes - 1) / processes > PER_PROCESS) {
            throw new IllegalArgumentException("at most " + PER_PROCESS + " connections per load process (its file"
                    + " limit): use --processes=" + ((count + PER_PROCESS - 1) / PER_PROCESS) + " or more");
        }
        String startedAt = Instant.now().toString();
        ProcessProbe probe = ProcessProbe.fromEnvironment();

        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("connections asked for", count);
        numbers.put("load processes", processes);
        Map<String, Long> rssBefore = rss(probe);
        Holding holding = processes == 1 ? inThisProcess(fleet, count, numbers)
                : inWorkers(fleet, count, processes, numbers, environment);
        Map<String, Long> rssConnected = rss(probe);
        Map<String, Double> cpuBefore = cpu(probe);
        long holdingSince = System.nanoTime();
        try {
            Thread.sleep(hold.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double heldSeconds = (System.nanoTime() - holdingSince) / 1e9;
        Map<String, Double> cpuAfter = cpu(probe);
        Map<Integer, Long> closeCodes = new TreeMap<>();
        long open = holding.release().apply(closeCodes);
        numbers.put("held to the end", open);
        numbers.put("closed while held", count - open);
        numbers.put("close codes of those (code:count, 0 = no close frame)", CloseCodes.format(closeCodes));
        for (String handler : rssBefore.keySet()) {
            long held = holding.shares().stream().mapToLong(share -> fleet.connectionsOn(handler, share)).sum();
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
        List<String> failures = open == count ? List.of() : List.of((count - open)
                + " connections closed while held (close code: count " + closeCodes + ", 0 = no close frame)");
        return new RunResult(name(), startedAt, environment.machine(), options.used(), numbers, Map.of(), null,
                List.of(), failures);
    }

    /** The connections of a run, however many processes hold them: their shares, and letting go. */
    private record Holding(List<Integer> shares, Function<Map<Integer, Long>, Long> release) {
    }

    private static Holding inThisProcess(Fleet fleet, int count, Map<String, Object> numbers) {
        List<LoadUser> users = fleet.register(count, "users", numbers);
        List<ChatConnection> connections = fleet.connect(users, (connection, frame, now) -> { }, "users", numbers);
        return new Holding(List.of(count), closeCodes -> {
            long open = connections.stream().filter(connection -> !connection.isClosed()).count();
            CloseCodes.ofLost(connections).forEach((code, n) -> closeCodes.merge(code, n, Long::sum));
            connections.forEach(ChatConnection::close);
            return open;
        });
    }

    /** Side by side in worker processes; the connect rate counts from the first worker's start. */
    private static Holding inWorkers(Fleet fleet, int count, int processes, Map<String, Object> numbers,
            Environment environment) {
        long started = System.nanoTime();
        try {
            WorkerProcesses workers = WorkerProcesses.start(count, processes, fleet, environment);
            try {
                List<WorkerProcesses.Connected> connected = workers.awaitConnected(WORKERS_CONNECT_WITHIN);
                double seconds = (System.nanoTime() - started) / 1e9;
                double connecting = connected.stream().mapToDouble(WorkerProcesses.Connected::seconds).max().orElse(0);
                numbers.put("registering and connecting users (s)", seconds);
                numbers.put("connecting users (s)", connecting);
                numbers.put("connect rate users (connections/s)", count / connecting);
                numbers.put("handshakes refused and tried again users",
                        connected.stream().mapToLong(WorkerProcesses.Connected::retries).sum());
                environment.log("%d workers connected %d users in %.1f s", processes, count, connecting);
            } catch (RuntimeException | InterruptedException e) {
                workers.close();
                throw e;
            }
            return new Holding(workers.shares(), closeCodes -> {
                try (workers) {
                    return workers.release(Duration.ofMinutes(2), closeCodes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the workers let go", e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the load workers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the workers connected", e);
        }
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
