package io.chatserver.wshandler.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real ws-manager, started once per test JVM from its packaged jar (built earlier in the reactor)
 * on a free port, and stopped by its PID when the JVM exits. Services never share code, and the ITs
 * use no mock servers.
 */
final class WsManagerProcess {

    private static final Path JAR = Path.of(System.getProperty("user.dir"))
            .resolve("../ws-manager/target/ws-manager.jar").normalize();
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static WsManagerProcess shared;

    private final Process process;
    private final int port;
    private final Path log;

    private WsManagerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static synchronized WsManagerProcess shared() {
        if (shared == null) {
            shared = start();
            WsManagerProcess started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-ws-manager"));
        }
        return shared;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private static WsManagerProcess start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("ws-manager jar not found at " + JAR
                    + "; build it first: mvn -pl ws-manager package (mvn -pl ws-manager,ws-handler verify does it)");
        }
        try {
            int port = freePort();
            Path log = Path.of("target", "ws-manager-it.log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-jar", JAR.toString(),
                    "--server.port=" + port,
                    "--chat.instance-id=ws-manager-it"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            WsManagerProcess manager = new WsManagerProcess(process, port, log);
            manager.awaitHealthy();
            return manager;
        } catch (IOException e) {
            throw new IllegalStateException("could not start ws-manager", e);
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ws-manager exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException("ws-manager did not become healthy within " + STARTUP + "; see " + log);
    }

    /** SIGTERM to our child's PID (graceful shutdown), then a hard kill if it hangs. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
