package io.chatserver.wsmanager.sessions;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.LongSummaryStatistics;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far each handler's clock is from this instance's, learned from its lease renewals (every 5 s,
 * each saying when it was sent): "received here minus sent there", over the last minute. The
 * smallest is the offset plus the fastest trip of the minute, never less than the offset, so a time
 * the handler gives, plus it, is at or a little after the same moment on this clock: it dates
 * sessions. The largest also covers the slowest trip and a handler clock set back during the minute:
 * the deadline check uses it, so it never refuses what the handler still waits for. Whether the
 * handler's clock is set right does not matter.
 */
@Component
final class HandlerClocks {

    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Handlers not heard from for this long are forgotten. */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final Clock clock;
    private final Map<String, Samples> handlers = new ConcurrentHashMap<>();

    HandlerClocks(Clock clock) {
        this.clock = clock;
    }

    /** A lease renewal the handler sent at sentAtMillis (its clock) arrived now. */
    void renewalSent(String handlerId, long sentAtMillis) {
        long now = clock.millis();
        handlers.computeIfAbsent(handlerId, id -> new Samples()).add(now, now - sentAtMillis);
        if (handlers.size() > 1_000) {
            handlers.values().removeIf(samples -> samples.lastAt() < now - FORGET_AFTER.toMillis());
        }
    }

    /** The smallest and largest offset of the last minute; empty until a renewal of the last minute said. */
    Optional<Offsets> offsets(String handlerId) {
        Samples samples = handlers.get(handlerId);
        return samples == null ? Optional.empty() : samples.since(clock.millis() - WINDOW.toMillis());
    }

    /** What to add to a time on the handler's clock: smallest to date, largest to check a deadline. */
    record Offsets(long smallest, long largest) {
    }

    /** (time received, received minus sent) pairs, oldest first. */
    private static final class Samples {
        private final ArrayDeque<long[]> recent = new ArrayDeque<>();

        synchronized void add(long at, long offset) {
            recent.add(new long[] {at, offset});
            while (recent.size() > 1 && recent.peek()[0] < at - WINDOW.toMillis()) {
                recent.poll();
            }
        }

        synchronized Optional<Offsets> since(long since) {
            LongSummaryStatistics offsets = recent.stream().filter(sample -> sample[0] >= since)
                    .mapToLong(sample -> sample[1]).summaryStatistics();
            return offsets.getCount() == 0 ? Optional.empty()
                    : Optional.of(new Offsets(offsets.getMin(), offsets.getMax()));
        }

        synchronized long lastAt() {
            return recent.isEmpty() ? Long.MIN_VALUE : recent.peekLast()[0];
        }
    }
}
