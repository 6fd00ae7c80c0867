package io.chatserver.wsmanager.registry;

import io.chatserver.platform.registry.RegistryKeys;
import io.chatserver.wsmanager.WsManagerProperties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The real Redis of the local stack (127.0.0.1:16379), for script tests. Each test gets a registry
 * under its own random key prefix, deleted afterwards, so runs never see each other's keys.
 */
final class RegistryRedis implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    static final int PORT = 16379;
    static final Duration TTL = Duration.ofSeconds(15);

    /** Sessions per reconcile or drop script call. */
    private final int chunk;
    private LettuceConnectionFactory connections;
    ReactiveStringRedisTemplate redis;
    MutableClock clock;
    RegistryKeys keys;
    SessionRegistry registry;

    RegistryRedis() {
        this(SessionRegistry.CHUNK);
    }

    RegistryRedis(int chunk) {
        this.chunk = chunk;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 1_000);
        } catch (IOException e) {
            throw new IllegalStateException("Redis is not running on 127.0.0.1:" + PORT + "; start it with ./chat stack up");
        }
        connections = new LettuceConnectionFactory("127.0.0.1", PORT);
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
        fresh();
    }

    /** A new, empty registry at a fixed point in time. */
    void fresh() {
        clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        keys = new RegistryKeys("chat:test:" + UUID.randomUUID() + ":");
        registry = new SessionRegistry(redis, clock, properties(TTL), keys, chunk);
    }

    static WsManagerProperties properties(Duration leaseTtl) {
        return new WsManagerProperties(leaseTtl, Duration.ofSeconds(1), 100, Duration.ofSeconds(10), 69_632, 100_000,
                Duration.ofSeconds(10));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String pattern = keys.leases.substring(0, keys.leases.length() - "leases".length()) + "*";
        // Large SCAN steps: a local Redis after load runs holds half a million keys of other prefixes.
        redis.scan(ScanOptions.scanOptions().match(pattern).count(10_000).build())
                .flatMap(redis::delete)
                .blockLast(Duration.ofSeconds(5));
        fresh();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        connections.destroy();
    }
}
