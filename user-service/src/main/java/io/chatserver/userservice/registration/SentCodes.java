package io.chatserver.userservice.registration;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

/**
 * The last plain code sent to each number, for the test hook only (never in MySQL). Kept in Redis
 * with the code's lifetime so any replica can answer the hook.
 */
final class SentCodes {

    private final ReactiveStringRedisTemplate redis;
    private final Duration ttl;

    SentCodes(ReactiveStringRedisTemplate redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    static String key(String e164) {
        return "chat:registration:test-hook:" + e164;
    }

    Mono<Void> remember(String e164, String code, Instant sentAt) {
        return redis.opsForValue().set(key(e164), code + ' ' + sentAt.toEpochMilli(), ttl).then();
    }

    Mono<SentCode> latest(String e164) {
        return redis.opsForValue().get(key(e164)).map(value -> {
            int space = value.indexOf(' ');
            return new SentCode(e164, value.substring(0, space),
                    Instant.ofEpochMilli(Long.parseLong(value.substring(space + 1))));
        });
    }

    record SentCode(String phoneNumber, String code, Instant sentAt) {
    }
}
