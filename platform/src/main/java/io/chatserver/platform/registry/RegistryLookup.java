package io.chatserver.platform.registry;

import io.chatserver.platform.redis.LuaScripts;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where a user's devices are connected, read straight from the registry in Redis: one script call
 * that returns only sessions on handlers whose lease is live. What a push needs, without a hop
 * through ws-manager.
 */
public final class RegistryLookup {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> USER_SESSIONS = LuaScripts.load("user_sessions", List.class);
    private static final RedisScript<List> USERS_ONLINE = LuaScripts.load("users_online", List.class);

    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;
    private final RegistryKeys keys;

    public RegistryLookup(ReactiveStringRedisTemplate redis, Clock clock, RegistryKeys keys) {
        this.redis = redis;
        this.clock = clock;
        this.keys = keys;
    }

    public Flux<DeviceSession> userSessions(UUID userId) {
        return ScriptResults.strings(redis.execute(USER_SESSIONS,
                        List.of(keys.user(userId), keys.leases), List.of(Long.toString(clock.millis()))))
                .flatMapIterable(values -> chunks(values, 4))
                .map(v -> new DeviceSession(userId, Integer.parseInt(v.get(0)), v.get(1), v.get(2),
                        Instant.ofEpochMilli(Long.parseLong(v.get(3)))));
    }

    /** For each user, in order, whether a device of theirs has a session on a live handler: one script call. */
    public Mono<List<Boolean>> online(List<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> keys = new ArrayList<>(userIds.size() + 1);
        keys.add(this.keys.leases);
        userIds.forEach(user -> keys.add(this.keys.user(user)));
        return redis.execute(USERS_ONLINE, keys, List.of(Long.toString(clock.millis())))
                .next()
                .map(flags -> ((List<?>) flags).stream().map(flag -> ((Number) flag).longValue() == 1L).toList());
    }

    /** Consecutive groups of {@code size} values (a Lua script's flat reply). */
    public static List<List<String>> chunks(List<String> values, int size) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i + size <= values.size(); i += size) {
            chunks.add(values.subList(i, i + size));
        }
        return chunks;
    }
}
