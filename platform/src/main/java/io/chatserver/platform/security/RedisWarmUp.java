package io.chatserver.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.time.Duration;

/**
 * Opens the shared Redis connection during startup, for every service (each checks token
 * generations in Redis). Spring Data Redis opens it lazily and waits for
 * the connect on the calling thread, which would be a Netty event loop on the first request.
 * Runs after the connection factory starts and before the web server accepts requests.
 */
final class RedisWarmUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisWarmUp.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** After the Lettuce factory (phase 0), well before the web server (near Integer.MAX_VALUE). */
    private static final int PHASE = 100;

    private final ReactiveStringRedisTemplate redis;
    private volatile boolean running;

    RedisWarmUp(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void start() {
        try {
            try (var connection = redis.getConnectionFactory().getReactiveConnection()) {
                connection.ping().block(TIMEOUT);
            }
        } catch (RuntimeException e) {
            // Not fatal: the readiness probe reports Redis, and the connection is retried on use.
            log.warn("Redis not reachable at startup: {}", e.toString());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
