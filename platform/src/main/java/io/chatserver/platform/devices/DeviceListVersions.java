package io.chatserver.platform.devices;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A version tag per user's device list, in Redis, so that services fanning messages out can keep
 * device lists in memory and still see a change at once: one MGET per send tells whether what they
 * hold is current. user-service sets a fresh tag after every commit that changes a user's devices,
 * and hands out the tag with each list it reads (creating one when Redis lost it). A tag is random,
 * never a counter: after a Redis restart a counter could start again at a value a stale copy holds.
 * Tags expire after {@link #TAG_TTL} (longer than any reader keeps a list): a missing tag only
 * means asking again, and lookups of users that do not exist leave no key behind for good.
 */
public final class DeviceListVersions {

    // Read the tag before reading the list: a change committed in between then shows as a newer tag.
    public static final Duration TAG_TTL = Duration.ofHours(1);

    private static final RedisScript<String> CURRENT_OR_NEW = RedisScript.of("""
            local tag = redis.call('GET', KEYS[1])
            if tag then return tag end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return ARGV[1]
            """, String.class);

    private final ReactiveStringRedisTemplate redis;

    public DeviceListVersions(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    static String key(UUID userId) {
        return "chat:device-list:" + userId;
    }

    /** For user-service, after the commit that changed the user's devices. */
    public Mono<Void> changed(UUID userId) {
        return redis.opsForValue().set(key(userId), newTag(), TAG_TTL).then();
    }

    /** For user-service, before it reads the list it answers with. */
    public Mono<String> currentOrNew(UUID userId) {
        return redis.execute(CURRENT_OR_NEW, List.of(key(userId)), List.of(newTag(), Long.toString(TAG_TTL.toMillis())))
                .single();
    }

    /** For readers: the current tag of each user, in order; empty where Redis holds none. */
    public Mono<List<Optional<String>>> current(List<UUID> userIds) {
        return redis.opsForValue().multiGet(userIds.stream().map(DeviceListVersions::key).toList())
                .map(tags -> {
                    List<Optional<String>> result = new ArrayList<>(tags.size());
                    tags.forEach(tag -> result.add(Optional.ofNullable(tag)));
                    return result;
                });
    }

    private static String newTag() {
        return UUID.randomUUID().toString();
    }
}
