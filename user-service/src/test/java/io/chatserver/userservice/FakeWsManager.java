package io.chatserver.userservice;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for ws-manager's internal disconnect endpoint (another service, not a store), so
 * tests can see what user-service asks it to do. One per test JVM, on an ephemeral loopback port.
 */
public final class FakeWsManager {

    private static final FakeWsManager INSTANCE = new FakeWsManager();

    private final HttpServer server;
    private final List<String> disconnects = new CopyOnWriteArrayList<>();

    private FakeWsManager() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/v1/sessions/disconnect", exchange -> {
            disconnects.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public static FakeWsManager get() {
        return INSTANCE;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Request bodies received so far. */
    public List<String> disconnects() {
        return List.copyOf(disconnects);
    }
}
