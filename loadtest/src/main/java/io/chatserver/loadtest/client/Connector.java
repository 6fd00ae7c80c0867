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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

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
    /** The last byte of the first source address (1: 127.0.0.1); load processes side by side take apart ranges. */
    private final int firstSource;

    public Connector(List<URI> handlers) {
        this(handlers, 1);
    }

    public Connector(List<URI> handlers, int firstSource) {
        this.handlers = List.copyOf(handlers);
        this.firstSource = firstSource;
    }

    /**
     * One connection per user, {@code parallel} handshakes at a time, user i to handler i mod n, as an
     * app connects: a handshake the server refuses (it may close with 1013 while its
     * registry is busy) is tried again after a growing, jittered pause (100 ms to 2 s), until
     * {@code giveUpAfter} from the user's first try. Every try again is counted in {@code retries}.
     */
    public List<ChatConnection> open(List<LoadUser> users, FrameListener listener, int parallel, Duration giveUpAfter,
            AtomicLong retries) {
        return open(users, parallel, (index, user) -> {
            long deadline = System.nanoTime() + giveUpAfter.toNanos();
            for (int attempt = 0; ; attempt++) {
                try {
                    return ChatConnection.open(http, handlers.get(index % handlers.size()), source(firstSource, index), user,
                            listener, WELCOME_TIMEOUT);
                } catch (IllegalStateException refused) {
                    if (System.nanoTime() > deadline) {
                        throw refused;
                    }
                    retries.incrementAndGet();
                    long pause = Math.min(2_000, 100L << Math.min(attempt, 5));
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(pause / 2, pause + 1) * 1_000_000);
                }
            }
        });
    }

    private static List<ChatConnection> open(List<LoadUser> users, int parallel,
            BiFunction<Integer, LoadUser, ChatConnection> one) {
        ExecutorService opener = Executors.newFixedThreadPool(parallel);
        try {
            List<CompletableFuture<ChatConnection>> opening = new ArrayList<>(users.size());
            for (int i = 0; i < users.size(); i++) {
                int index = i;
                opening.add(CompletableFuture.supplyAsync(() -> one.apply(index, users.get(index)), opener));
            }
            return opening.stream().map(CompletableFuture::join).toList();
        } finally {
            opener.shutdown();
        }
    }

    /** How many source addresses {@code connections} take. */
    public static int sourcesFor(int connections) {
        return (connections + PER_SOURCE - 1) / PER_SOURCE;
    }

    private static InetSocketAddress source(int firstSource, int index) {
        int n = firstSource + index / PER_SOURCE;
        String address = "127.0.0." + n;
        Loopback.address("source address", address);
        return new InetSocketAddress(address, 0);
    }
}
