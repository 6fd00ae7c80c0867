package io.chatserver.groupservice.cache;

import io.chatserver.groupservice.config.GroupsProperties;
import io.chatserver.groupservice.store.GroupState;
import io.chatserver.groupservice.store.GroupStore;
import io.chatserver.platform.jdbc.BlockingDatabase;
import io.chatserver.platform.redis.LuaScripts;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Groups and their members in Redis (A6: hot groups are cached), read by every membership check and
 * by message fan-out. Each entry carries the group's MySQL version, and a write only lands when it
 * is newer than what Redis holds ({@code lua/group_cache_put.lua}): a reader that filled the cache
 * from an older snapshot can never overwrite the list a change wrote after its commit. Redis only
 * ever holds a copy; without it every read goes to MySQL.
 */
@Component
public final class GroupCache {

    private static final Logger log = LoggerFactory.getLogger(GroupCache.class);
    private static final RedisScript<Long> PUT = LuaScripts.load("group_cache_put", Long.class);
    private static final RedisScript<Long> FORGET = LuaScripts.load("group_cache_forget", Long.class);
    private static final String STATE_FIELD = "s";
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    private final ReactiveStringRedisTemplate redis;
    private final BlockingDatabase database;
    private final GroupStore store;
    private final GroupsProperties properties;
    private final CacheMetrics metrics;
    private final JsonMapper json = JsonMapper.builder().build();

    GroupCache(ReactiveStringRedisTemplate redis, BlockingDatabase database, GroupStore store,
            GroupsProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.database = database;
        this.store = store;
        this.properties = properties;
        this.metrics = new CacheMetrics(meters);
    }

    static String key(UUID groupId) {
        return "chat:group:" + groupId;
    }

    /** The group as of its latest change, or empty when there is no such group. */
    public Mono<Optional<GroupState>> get(UUID groupId) {
        return redis.<String, String>opsForHash().get(key(groupId), STATE_FIELD)
                .timeout(REDIS_TIMEOUT)
                .map(text -> Optional.of(json.readValue(text, GroupState.class)))
                .doOnNext(hit -> metrics.hit())
                .onErrorResume(e -> {
                    metrics.error();
                    log.debug("group cache read of {} failed, reading MySQL: {}", groupId, e.toString());
                    return Mono.empty();
                })
                .switchIfEmpty(Mono.defer(() -> fill(groupId)));
    }

    /** The group if the caller is a member of it; to anybody else it does not exist (2101). */
    public Mono<GroupState> forMember(UUID groupId, UUID caller) {
        return get(groupId)
                .map(found -> found.orElseThrow(() -> GroupState.notFound(groupId)))
                .doOnNext(state -> state.requireMember(caller));
    }

    /**
     * After the commit of a change: the new state replaces the old at once. A write Redis refuses is
     * tried again, then the state is dropped and only the version kept, so reads go to MySQL and a
     * fill from an older snapshot still cannot land; if that fails too, the stale entry lives at most
     * {@code chat.groups.cache-ttl} (counted as {@code chat.groups.cache.write.failed}).
     */
    public Mono<Void> put(GroupState state) {
        return write(state)
                .retryWhen(Retry.backoff(3, Duration.ofMillis(50)))
                .onErrorResume(e -> forget(state).timeout(REDIS_TIMEOUT)
                        .onErrorResume(deleteFailure -> {
                            metrics.writeFailed();
                            log.warn("group {} version {} is not in the cache and an older copy may stay there"
                                    + " up to {}: {}", state.info().id(), state.info().version(),
                                    properties.cacheTtl(), deleteFailure.toString());
                            return Mono.empty();
                        }))
                .then();
    }

    private Mono<Optional<GroupState>> fill(UUID groupId) {
        metrics.miss();
        return database.inTransaction(jdbc -> store.read(jdbc, groupId))
                .flatMap(found -> found.isEmpty() ? Mono.just(found)
                        : write(found.get()).onErrorResume(e -> Mono.empty()).thenReturn(found));
    }

    private Mono<Void> write(GroupState state) {
        return Mono.defer(() -> redis.execute(PUT, List.of(key(state.info().id())), List.of(
                        Long.toString(state.info().version()), json.writeValueAsString(state),
                        Long.toString(properties.cacheTtl().toMillis())))
                .timeout(REDIS_TIMEOUT)
                .then());
    }

    private Mono<Void> forget(GroupState state) {
        return redis.execute(FORGET, List.of(key(state.info().id())), List.of(
                        Long.toString(state.info().version()), Long.toString(properties.cacheTtl().toMillis())))
                .then();
    }
}
