package io.chatserver.wshandler.messaging;

import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ConnectionListener;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per connection (so per device) for one kind of frame, dropped when it closes. */
public class ConnectionRateLimit implements ConnectionListener {

    private final Map<Connection, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final int perSecond;
    private final int burst;
    private final Clock clock;

    public ConnectionRateLimit(int perSecond, int burst, Clock clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    public boolean tryAcquire(Connection connection) {
        TokenBucket bucket = buckets.computeIfAbsent(connection, c -> new TokenBucket(perSecond, burst, clock.millis()));
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
