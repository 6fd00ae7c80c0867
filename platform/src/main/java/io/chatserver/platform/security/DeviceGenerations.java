package io.chatserver.platform.security;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * The current credential generation of each device, in Redis so that every service sees a
 * revocation within one round trip. user-service raises it; everyone else only reads it.
 */
public final class DeviceGenerations {

    // Only ever moves forward, even if a slow writer arrives late with an older value.
    private static final RedisScript<Long> RAISE = RedisScript.of("""
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            local wanted = tonumber(ARGV[1])
            if wanted > current then
              redis.call('SET', KEYS[1], ARGV[1])
              return wanted
            end
            return current
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;

    public DeviceGenerations(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    static String key(UUID userId, int deviceId) {
        return "chat:device-gen:" + userId + ":" + deviceId;
    }

    /** The current generation, or empty when none was recorded (then no token is revoked). */
    public Mono<Long> current(UUID userId, int deviceId) {
        return redis.opsForValue().get(key(userId, deviceId)).map(Long::parseLong);
    }

    /** Raises the generation to at least {@code generation}; returns the stored value. */
    public Mono<Long> raiseTo(UUID userId, int deviceId, long generation) {
        return redis.execute(RAISE, List.of(key(userId, deviceId)), List.of(Long.toString(generation))).single();
    }
}
