package io.chatserver.userservice.auth;

import io.chatserver.platform.redis.LuaScripts;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Failed secret attempts per device, in Redis so every replica counts against the same limit. */
final class CredentialFailures {

    private static final RedisScript<Long> RECORD =
            LuaScripts.load("credential-failure", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final AuthProperties properties;
    private final Clock clock;

    CredentialFailures(ReactiveStringRedisTemplate redis, AuthProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    static String key(UUID userId, int deviceId) {
        return "chat:auth:failures:" + userId + ":" + deviceId;
    }

    /** Whether the device has used up its failures in the current window. */
    Mono<Boolean> blocked(UUID userId, int deviceId) {
        return redis.<String, String>opsForHash().multiGet(key(userId, deviceId), List.of("start", "count"))
                .map(values -> {
                    if (values.get(0) == null || values.get(1) == null) {
                        return false;
                    }
                    long start = Long.parseLong(values.get(0));
                    boolean windowOpen = clock.millis() - start < properties.failureWindow().toMillis();
                    return windowOpen && Long.parseLong(values.get(1)) >= properties.failureLimit();
                });
    }

    Mono<Long> record(UUID userId, int deviceId) {
        return redis.execute(RECORD, List.of(key(userId, deviceId)),
                        List.of(Long.toString(clock.millis()), Long.toString(properties.failureWindow().toMillis())))
                .single();
    }

    Mono<Void> clear(UUID userId, int deviceId) {
        return redis.delete(key(userId, deviceId)).then();
    }
}
