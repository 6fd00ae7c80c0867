package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.LoadTool;
import io.chatserver.loadtest.client.CloseCodes;
import io.chatserver.loadtest.client.Connector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ConnectionsWorker} processes of one {@code connections --processes=N} run: each its
 * own JVM (the file limit is per process), its share of the connections and its own range of
 * source addresses, talked to over its stdin and stdout. Everything else a worker prints is logged.
 */
final class WorkerProcesses implements AutoCloseable {

    /** What one worker said once connected. */
    record Connected(int connections, double seconds, long retries) {
    }

    private record Worker(Process process, int connections, BlockingQueue<String> said) {
    }

    private static final String WORKER_HEAP = "2g";

    private final List<Worker> workers = new ArrayList<>();

    private WorkerProcesses() {
    }

    /** Starts {@code processes} workers for {@code count} connections in all, shared out as evenly as can be. */
    static WorkerProcesses start(int count, int processes, Fleet fleet, Environment environment) throws IOException {
        WorkerProcesses started = new WorkerProcesses();
        int firstSource = 1;
        try {
            for (int k = 0; k < processes; k++) {
                int share = count / processes + (k < count % processes ? 1 : 0);
                List<String> command = new ArrayList<>(javaCommand());
                command.add("connections-worker");
                command.add("--connections=" + share);
                command.addAll(fleet.workerOptions(firstSource));
                firstSource += Connector.sourcesFor(share);
                started.workers.add(launch(k + 1, command, share, environment));
            }
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    List<Integer> shares() {
        return workers.stream().map(Worker::connections).toList();
    }

    /** Waits until every worker has connected its share; fails if one ends or stays silent too long. */
    List<Connected> awaitConnected(Duration timeout) throws InterruptedException {
        List<Connected> connected = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Worker worker : workers) {
            String[] words = await(worker, ConnectionsWorker.CONNECTED, deadline).split(" ");
            connected.add(new Connected(Integer.parseInt(words[2]), Double.parseDouble(words[3]),
                    Long.parseLong(words[4])));
        }
        return connected;
    }

    /** Tells every worker to let go; how many connections were still open in all, and the others' close codes. */
    long release(Duration timeout, Map<Integer, Long> closeCodes) throws IOException, InterruptedException {
        for (Worker worker : workers) {
            Writer stdin = worker.process().outputWriter(StandardCharsets.UTF_8);
            stdin.write(ConnectionsWorker.RELEASE + "\n");
            stdin.flush();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long held = 0;
        for (Worker worker : workers) {
            String[] words = await(worker, ConnectionsWorker.HELD, deadline).split(" ");
            held += Long.parseLong(words[2]);
            CloseCodes.parseInto(words[3], closeCodes);
            worker.process().waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        }
        return held;
    }

    @Override
    public void close() {
        workers.forEach(worker -> worker.process().destroyForcibly());
    }

    private static String await(Worker worker, String prefix, long deadline) throws InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            String line = worker.said().poll(Math.min(left, 1_000_000_000L), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !worker.process().isAlive() && worker.said().isEmpty()) {
                throw new IllegalStateException("a load worker ended (exit " + worker.process().exitValue()
                        + ") before saying " + prefix);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a load worker did not say " + prefix + " in time");
            }
        }
    }

    private static Worker launch(int number, List<String> command, int share, Environment environment)
            throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BlockingQueue<String> said = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("WORKER ")) {
                        said.add(line);
                    } else {
                        environment.log("worker %d: %s", number, line.replaceFirst("^load: ", ""));
                    }
                }
            } catch (IOException e) {
                environment.log("worker %d: output lost: %s", number, e);
            }
        }, "load-worker-" + number);
        reader.setDaemon(true);
        reader.start();
        return new Worker(process, share, said);
    }

    /** This JVM again: the runnable jar when run from it, else this classpath and main class (tests). */
    private static List<String> javaCommand() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx" + WORKER_HEAP, "-XX:+UseParallelGC"));
        String classPath = System.getProperty("java.class.path");
        if (LoadTool.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader")) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, LoadTool.class.getName()));
        }
        return command;
    }
}
