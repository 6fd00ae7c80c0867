package io.chatserver.wshandler.messaging;

import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ConnectionListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-connection (so per-device) limit on SendMessage frames. */
@Component
final class SendRateLimit implements ConnectionListener {

    private final Map<Connection, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final MessagingProperties properties;
    private final Clock clock;

    SendRateLimit(MessagingProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    boolean tryAcquire(Connection connection) {
        TokenBucket bucket = buckets.computeIfAbsent(connection, c ->
                new TokenBucket(properties.sendRatePerSecond(), properties.sendBurst(), clock.millis()));
        synchronized (bucket) {
            return bucket.tryTake(clock.millis());
        }
    }

    @Override
    public void opened(Connection connection) {
    }

    @Override
    public void closing(Connection connection) {
        buckets.remove(connection);
    }
}
