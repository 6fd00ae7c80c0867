package io.chatserver.loadtest.client;

import io.chatserver.loadtest.Loopback;
import io.chatserver.loadtest.users.LoadUser;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Opens many connections: users spread over the handlers in turn, and over several loopback
 * source addresses (127.0.0.1, 127.0.0.2, ...) so one address's ~28,000 ephemeral ports are no
 * ceiling.
 */
public final class Connector {

    /** Connections per source address, well under the ephemeral port range of one address. */
    public static final int PER_SOURCE = 20_000;
    /** Generous: right after ./chat up the handlers' JVMs are cold and every handshake checks a token. */
    private static final Duration WELCOME_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.create(ConnectionProvider.newConnection());
    private final List<URI> handlers;

    public Connector(List<URI> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    /** One connection per user, {@code parallel} handshakes at a time; user i goes to handler i mod n. */
    public List<ChatConnection> open(List<LoadUser> users, FrameListener listener, int parallel) {
        ExecutorService opener = Executors.newFixedThreadPool(parallel);
        try {
            List<CompletableFuture<ChatConnection>> opening = new ArrayList<>(users.size());
            for (int i = 0; i < users.size(); i++) {
                int index = i;
                opening.add(CompletableFuture.supplyAsync(() -> ChatConnection.open(http,
                        handlers.get(index % handlers.size()), source(index), users.get(index), listener,
                        WELCOME_TIMEOUT), opener));
            }
            return opening.stream().map(CompletableFuture::join).toList();
        } finally {
            opener.shutdown();
        }
    }

    private static InetSocketAddress source(int index) {
        int n = index / PER_SOURCE + 1;
        String address = "127.0.0." + n;
        Loopback.address("source address", address);
        return new InetSocketAddress(address, 0);
    }
}
