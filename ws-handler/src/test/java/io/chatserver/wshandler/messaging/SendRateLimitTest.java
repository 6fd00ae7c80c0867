package io.chatserver.wshandler.messaging;

import io.chatserver.protocol.WireFormat;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.RecordingSession;
import io.chatserver.wshandler.connection.TestConnections;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SendRateLimitTest {

    private final MutableClock clock = new MutableClock(1_750_000_000_000L);
    private final SendRateLimit limit = new SendRateLimit(properties(10, 2), clock);
    private final Connection first = TestConnections.open(new RecordingSession(), WireFormat.JSON, 16);
    private final Connection second = TestConnections.open(new RecordingSession(), WireFormat.JSON, 16);

    @Test
    void eachConnectionHasItsOwnBurstAndRate() {
        assertThat(limit.tryAcquire(first)).isTrue();
        assertThat(limit.tryAcquire(first)).isTrue();
        assertThat(limit.tryAcquire(first)).isFalse();
        assertThat(limit.tryAcquire(second)).as("another device is not limited by the first").isTrue();

        clock.advance(100);

        assertThat(limit.tryAcquire(first)).as("one more after 100 ms at 10/s").isTrue();
        assertThat(limit.tryAcquire(first)).isFalse();
    }

    @Test
    void aClosedConnectionsBucketIsForgotten() {
        limit.tryAcquire(first);
        limit.tryAcquire(first);
        assertThat(limit.tryAcquire(first)).isFalse();

        limit.closing(first);

        assertThat(limit.tryAcquire(first)).as("a new bucket, full").isTrue();
    }

    static MessagingProperties properties(int ratePerSecond, int burst) {
        return new MessagingProperties(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), ratePerSecond, burst,
                256, 100, 32, 100, Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofHours(1), 512);
    }

    static final class MutableClock extends Clock {
        private volatile long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void advance(long byMillis) {
            millis += byMillis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
