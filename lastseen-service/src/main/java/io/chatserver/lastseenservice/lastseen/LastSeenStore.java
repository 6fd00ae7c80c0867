package io.chatserver.lastseenservice.lastseen;

import io.chatserver.platform.jdbc.BlockingDatabase;
import io.chatserver.platform.redis.LuaScripts;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The latest last seen per user (A7): a Redis sorted set (user id scored by epoch ms) is the hot copy,
 * MySQL (last_seen) the durable one. Both only ever move forward, so a write repeated or out of order
 * changes nothing. A user Redis does not know is read from MySQL and put back.
 */
public final class LastSeenStore {

    private static final RedisScript<Long> PUT = LuaScripts.load("last_seen_put", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final BlockingDatabase db;
    private final String key;

    public LastSeenStore(ReactiveStringRedisTemplate redis, BlockingDatabase db, String key) {
        this.redis = redis;
        this.db = db;
        this.key = key;
    }

    /** Raises each user's last seen to the given instant (the latest per user counts). */
    public Mono<Void> record(Map<UUID, Instant> seen) {
        if (seen.isEmpty()) {
            return Mono.empty();
        }
        List<String> args = new ArrayList<>(seen.size() * 2);
        seen.forEach((user, at) -> {
            args.add(Long.toString(at.toEpochMilli()));
            args.add(user.toString());
        });
        // MySQL first: what Redis has is then always also durable.
        return archive(seen).then(redis.execute(PUT, List.of(key), args).then());
    }

    public Mono<Optional<Instant>> lastSeen(UUID userId) {
        return redis.opsForZSet().score(key, userId.toString())
                .map(score -> Optional.of(Instant.ofEpochMilli(score.longValue())))
                .switchIfEmpty(Mono.defer(() -> fromArchive(userId)));
    }

    private Mono<Optional<Instant>> fromArchive(UUID userId) {
        return db.call(jdbc -> jdbc.sql("SELECT seen_at FROM last_seen WHERE user_id = ?")
                        .param(userId.toString()).query(Long.class).optional())
                .flatMap(found -> found.isEmpty() ? Mono.just(Optional.<Instant>empty())
                        : redis.execute(PUT, List.of(key), List.of(found.get().toString(), userId.toString()))
                                .then(Mono.just(found.map(Instant::ofEpochMilli))));
    }

    private Mono<Void> archive(Map<UUID, Instant> seen) {
        String rows = String.join(", ", Collections.nCopies(seen.size(), "(?, ?)"));
        List<Object> params = new ArrayList<>(seen.size() * 2);
        seen.forEach((user, at) -> {
            params.add(user.toString());
            params.add(at.toEpochMilli());
        });
        return db.call(jdbc -> jdbc.sql("INSERT INTO last_seen (user_id, seen_at) VALUES " + rows
                        + " ON DUPLICATE KEY UPDATE seen_at = GREATEST(seen_at, VALUES(seen_at))")
                .params(params).update()).then();
    }
}
