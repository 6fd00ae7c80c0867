package io.chatserver.userservice.registration;

import io.chatserver.platform.redis.LuaScripts;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Registration codes in Redis, shared by every replica: only the code's hash, its expiry, when it
 * was sent and how many wrong attempts it had. Each step is one Lua script, so it is atomic.
 */
final class CodeStore {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ISSUE = LuaScripts.load("registration-issue", List.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CHECK = LuaScripts.load("registration-check", List.class);

    private final ReactiveStringRedisTemplate redis;
    private final RegistrationProperties properties;

    CodeStore(ReactiveStringRedisTemplate redis, RegistrationProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    static String codeKey(String e164) {
        return "chat:registration:code:" + e164;
    }

    static String numberWindowKey(String e164) {
        return "chat:registration:limit:number:" + e164;
    }

    static String ipWindowKey(String clientAddress) {
        return "chat:registration:limit:ip:" + clientAddress;
    }

    /** Stores the hash of a new code for the number unless a cool-down or limit refuses it. */
    Mono<IssueResult> issue(String e164, String clientAddress, String codeHash, Instant now) {
        Duration ttl = properties.codeTtl();
        // The entry also carries the cool-down, so it lives at least as long as that.
        Duration keyTtl = ttl.compareTo(properties.resendCooldown()) >= 0 ? ttl : properties.resendCooldown();
        List<String> keys = List.of(codeKey(e164), numberWindowKey(e164), ipWindowKey(clientAddress));
        List<String> args = List.of(
                millis(now), Long.toString(properties.resendCooldown().toMillis()),
                Integer.toString(properties.numberLimit()), Long.toString(properties.numberWindow().toMillis()),
                Integer.toString(properties.ipLimit()), Long.toString(properties.ipWindow().toMillis()),
                codeHash, millis(now.plus(ttl)), Long.toString(keyTtl.toMillis()));
        return redis.execute(ISSUE, keys, args).single()
                .map(reply -> new IssueResult(IssueStatus.values()[number(reply, 0)],
                        Duration.ofMillis(Math.max(0, number(reply, 1)))));
    }

    /** Checks a submitted code; a match consumes it. */
    Mono<CodeAttempts.Result> check(String e164, String codeHash, Instant now) {
        List<String> args = List.of(millis(now), codeHash, Integer.toString(properties.maxAttempts()));
        return redis.execute(CHECK, List.of(codeKey(e164)), args).single()
                .map(reply -> new CodeAttempts.Result(number(reply, 0), number(reply, 1)));
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static int number(List<?> reply, int index) {
        return ((Number) reply.get(index)).intValue();
    }

    enum IssueStatus { STORED, RESEND_TOO_SOON, NUMBER_LIMITED, IP_LIMITED }

    record IssueResult(IssueStatus status, Duration retryAfter) {
    }
}
