package io.chatserver.platform.inbox;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * When each device's inbox last began to get an entry, in Redis: message-service sets the mark as
 * it writes, and a handler's periodic sweep reads the inboxes of only those connections whose
 * mark moved (or is recent enough that the write may have landed after the last read). Without
 * it every connection read its inbox every minute: 19,000 idle connections made 316 inbox reads
 * a second and, all at once on each tick, buried message-service.
 */
public final class InboxMarks {

    /** A device silent for this long loses its mark; a lost mark reads as a change, so one sweep follows. */
    static final Duration TTL = Duration.ofDays(7);
    /** Keys per MGET: large enough to be few calls, small enough not to stall Redis. */
    static final int READ_BATCH = 500;

    private final ReactiveStringRedisTemplate redis;

    public InboxMarks(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    public static String key(UUID userId, int deviceId) {
        return "chat:inbox-mark:" + userId + ":" + deviceId;
    }

    /** Marks these inboxes as written at {@code nowMillis} (one pipelined SET each). */
    public Mono<Void> touch(Collection<String> keys, long nowMillis) {
        String value = Long.toString(nowMillis);
        return Flux.fromIterable(keys).flatMap(key -> redis.opsForValue().set(key, value, TTL)).then();
    }

    /** The marks of these inboxes, in order; null where an inbox has none. */
    public Mono<List<Long>> read(List<String> keys) {
        List<List<String>> batches = new ArrayList<>();
        for (int start = 0; start < keys.size(); start += READ_BATCH) {
            batches.add(keys.subList(start, Math.min(keys.size(), start + READ_BATCH)));
        }
        return Flux.fromIterable(batches)
                .concatMap(batch -> redis.opsForValue().multiGet(batch))
                .collect(ArrayList<Long>::new, (marks, values) -> values.forEach(value -> marks.add(parse(value))))
                .map(marks -> (List<Long>) marks);
    }

    private static Long parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE; // not ours to read: a change like any other
        }
    }
}
