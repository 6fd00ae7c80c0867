package io.chatserver.platform.http;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;

/**
 * WebClients for calls from one service to another. Reactor Netty's default pool grows to 500
 * connections per target and never closes idle ones: after one connect storm a ws-handler held
 * about 1,000 sockets to ws-manager and message-service for good, 5 % of a process's 20,000 file
 * descriptors, each with its buffers. This pool is bounded, queues what exceeds it, and closes
 * what stays idle.
 */
public final class InternalWebClients {

    /** Requests in flight per target; more wait in the pool's queue (cheap) rather than on new sockets. */
    public static final int MAX_CONNECTIONS = 128;
    /** Requests waiting for a connection per target before new ones fail at once. */
    static final int MAX_PENDING = 4_096;
    /** Bounded by the callers' own timeouts (2 to 5 s) in practice. */
    static final Duration PENDING_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_IDLE = Duration.ofSeconds(30);

    private InternalWebClients() {
    }

    /** A builder whose client pools at most {@link #MAX_CONNECTIONS} connections to each host. */
    public static WebClient.Builder builder(String target) {
        ConnectionProvider pool = ConnectionProvider.builder("internal-" + target)
                .maxConnections(MAX_CONNECTIONS)
                .pendingAcquireMaxCount(MAX_PENDING)
                .pendingAcquireTimeout(PENDING_TIMEOUT)
                .maxIdleTime(MAX_IDLE)
                .evictInBackground(MAX_IDLE)
                .build();
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)));
    }
}
