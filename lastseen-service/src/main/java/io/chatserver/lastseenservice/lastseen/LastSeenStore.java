package io.chatserver.lastseenservice.lastseen;

import io.chatserver.platform.jdbc.BlockingDatabase;
import io.chatserver.platform.redis.LuaScripts;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The latest last seen per user (A7): a Redis sorted set (user id scored by epoch ms) is the hot copy,
 * MySQL (last_seen) the durable one. Both only ever move forward, so a write repeated or out of order
 * changes nothing. A user Redis does not know is read from MySQL and put back (0 when never seen).
 */
public final class LastSeenStore {

    private static final RedisScript<Long> PUT = LuaScripts.load("last_seen_put", Long.class);
    /** The score of a user known never to have been seen. */
    private static final long NEVER = 0;

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
        return lastSeen(List.of(userId)).map(seen -> seen.get(0));
    }

    /**
     * Each user's last seen, in order: one ZMSCORE, and one MySQL query for all Redis does not know,
     * whose answers go back to Redis, a user never seen as 0 (so the next read needs no MySQL either).
     */
    public Mono<List<Optional<Instant>>> lastSeen(List<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return redis.opsForZSet().score(key, userIds.stream().map(UUID::toString).toArray()).flatMap(scores -> {
            List<UUID> missing = new ArrayList<>();
            for (int i = 0; i < userIds.size(); i++) {
                if (scores.get(i) == null) {
                    missing.add(userIds.get(i));
                }
            }
            Mono<Map<UUID, Long>> archived = missing.isEmpty() ? Mono.just(Map.of()) : fromArchive(missing);
            return archived.map(found -> {
                List<Optional<Instant>> seen = new ArrayList<>(userIds.size());
                for (int i = 0; i < userIds.size(); i++) {
                    Double score = scores.get(i);
                    long millis = score != null ? score.longValue() : found.getOrDefault(userIds.get(i), NEVER);
                    seen.add(millis == NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis)));
                }
                return seen;
            });
        });
    }

    /** The archived instants of these users, put back in Redis (NEVER for those without one). */
    private Mono<Map<UUID, Long>> fromArchive(List<UUID> userIds) {
        return db.call(jdbc -> {
            Map<UUID, Long> found = new HashMap<>();
            jdbc.sql("SELECT user_id, seen_at FROM last_seen WHERE user_id IN (:ids)")
                    .param("ids", userIds.stream().map(UUID::toString).toList())
                    .query((row, i) -> found.put(UUID.fromString(row.getString(1)), row.getLong(2))).list();
            return found;
        }).flatMap(found -> {
            List<String> args = new ArrayList<>(userIds.size() * 2);
            userIds.forEach(user -> {
                args.add(Long.toString(found.getOrDefault(user, NEVER)));
                args.add(user.toString());
            });
            return redis.execute(PUT, List.of(key), args).then(Mono.just(found));
        });
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
