package io.chatserver.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A packaged service ({@code <module>/target/<module>.jar}) started as its own JVM process, so
 * black-box tests can kill it for real (SIGKILL) and watch the rest of the system react.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code repoRoot/module/target/module.jar} on the given port with the given extra
     * arguments (e.g. {@code --spring.profiles.active=local}) and waits until its readiness probe
     * answers UP.
     */
    public static ServiceProcess start(Path repoRoot, String module, String name, int port, List<String> args) {
        Path jar = repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn package -pl " + module + ")");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xms64m", "-Xmx256m"));
        command.addAll(extraJvmOptions(name));
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        command.addAll(args);
        try {
            Path log = Files.createTempFile(name + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ServiceProcess service = new ServiceProcess(name, port, process, log);
            service.awaitReady(Duration.ofSeconds(90));
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /**
     * CHAT_JAVA_OPTS, as for ./chat up (e.g. a JFR recording for a benchmark); {name} in it becomes
     * the service's name so that each process can write its own file.
     */
    private static List<String> extraJvmOptions(String name) {
        String options = System.getenv("CHAT_JAVA_OPTS");
        if (options == null || options.isBlank()) {
            return List.of();
        }
        return List.of(options.replace("{name}", name).trim().split("\\s+"));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hooks run, as when a machine or pod dies. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: graceful shutdown, as Kubernetes does first. */
    public void terminate() {
        process.destroy();
        waitForExit();
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail(60));
            }
            try {
                HttpResponse<String> response = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + logTail(60));
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
