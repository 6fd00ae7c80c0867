package io.chatserver.wshandler.presence;

import io.chatserver.platform.presence.PresenceKeys;
import io.chatserver.platform.runtime.ChatInstanceProperties;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ConnectionListener;
import io.chatserver.wshandler.messaging.TokenBucket;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which connections of this handler watch whom. Each connection's watch is the list of its last
 * SubscribePresence with, per user, whether it may see them (lastseen-service decided). The first
 * local watcher of a user adds this handler to the user's watcher set in Redis, so lastseen-service
 * publishes that user's changes here once for all local watchers; the last one leaving removes it.
 * The sets are written again every refreshInterval and expire without it: a removal lost in a race,
 * or a handler that died, heals on its own. Connections that watch nobody cost nothing here.
 */
@Component
public final class PresenceWatchers implements ConnectionListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PresenceWatchers.class);
    /**
     * For a subscription's writes as a whole, beyond Lettuce's per-command timeout: in storms of
     * 3,000-10,000 subscriptions at once, a few (1 to 4 a run) never ended although their commands
     * had timed out, and each held its connection's frames until the idle timeout closed it.
     */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);

    private final ConcurrentMap<Connection, Watch> watches = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, Set<Connection>> watchersOf = new ConcurrentHashMap<>();
    private final ReactiveStringRedisTemplate redis;
    private final PresenceProperties properties;
    private final PresenceKeys keys;
    private final String handlerId;
    private final Clock clock;
    private final Disposable refresher;

    PresenceWatchers(ReactiveStringRedisTemplate redis, PresenceProperties properties, ChatInstanceProperties instance,
            Clock clock, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.keys = new PresenceKeys(properties.keyPrefix());
        this.handlerId = instance.instanceId();
        this.clock = clock;
        Gauge.builder("chat.presence.watched", watchersOf, Map::size)
                .description("Users watched by at least one connection of this handler").register(meters);
        this.refresher = Flux.interval(properties.refreshInterval(), properties.refreshInterval())
                .onBackpressureDrop()
                .concatMap(tick -> refresh())
                .subscribe();
    }

    /** False when the connection subscribes faster than it may. */
    boolean tryAcquire(Connection connection) {
        Watch watch = watchOf(connection);
        synchronized (watch) {
            return watch.bucket.tryTake(clock.millis());
        }
    }

    /**
     * Makes the connection watch exactly these users (none visible until {@link #decided}); completes
     * once Redis knows this handler watches each of them. The watch is pending until decided.
     */
    Mono<Void> replace(Connection connection, List<UUID> users) {
        return replace(connection, users, true);
    }

    /**
     * After a refused subscription: watches the users again as {@link #replace} does, but leaves the
     * ones the refused frame had added in the watcher sets (the first publish for one finds nobody
     * here and takes it out, see {@link #forget}). In a storm of refusals and retries, writing each
     * set out and in again per retry had tripled the Redis writes.
     */
    Mono<Void> restore(Connection connection, List<UUID> users) {
        return replace(connection, users, false);
    }

    private Mono<Void> replace(Connection connection, List<UUID> users, boolean withdrawRemoved) {
        Watch watch = watchOf(connection);
        List<UUID> added = new ArrayList<>();
        List<UUID> removed = new ArrayList<>();
        synchronized (watch) {
            Set<UUID> next = Set.copyOf(users);
            for (UUID user : watch.visible.keySet()) {
                if (!next.contains(user) && unwatch(connection, user)) {
                    removed.add(user);
                }
            }
            for (UUID user : next) {
                if (!watch.visible.containsKey(user) && watch(connection, user)) {
                    added.add(user);
                }
            }
            Map<UUID, Boolean> visible = new ConcurrentHashMap<>();
            users.forEach(user -> visible.put(user, Boolean.FALSE));
            watch.visible = visible;
            watch.pending = !users.isEmpty();
            watch.changedWhilePending.clear();
        }
        return Flux.fromIterable(added).flatMap(this::announce)
                .thenMany(Flux.fromIterable(withdrawRemoved ? removed : List.<UUID>of()).flatMap(this::withdraw))
                .then()
                .timeout(WRITE_TIMEOUT);
    }

    /**
     * What lastseen-service decided for the watch: who is visible. Emits the users whose presence
     * changed while the decision was on its way, to be read again.
     */
    Set<UUID> decided(Connection connection, Map<UUID, Boolean> visibility) {
        Watch watch = watches.get(connection);
        if (watch == null) {
            return Set.of();
        }
        synchronized (watch) {
            visibility.forEach((user, visible) -> watch.visible.computeIfPresent(user, (u, was) -> visible));
            watch.pending = false;
            Set<UUID> changed = new HashSet<>(watch.changedWhilePending);
            watch.changedWhilePending.clear();
            return changed;
        }
    }

    /** Whether this connection may get the user's changes now; a pending watch notes the change instead. */
    boolean mayPush(Connection connection, UUID user) {
        Watch watch = watches.get(connection);
        if (watch == null) {
            return false;
        }
        synchronized (watch) {
            if (watch.pending) {
                watch.changedWhilePending.add(user);
                return false;
            }
            return Boolean.TRUE.equals(watch.visible.get(user));
        }
    }

    private Watch watchOf(Connection connection) {
        return watches.computeIfAbsent(connection, c -> new Watch(new TokenBucket(
                properties.subscribeRatePerSecond(), properties.subscribeBurst(), clock.millis())));
    }

    /** The local connections watching the user. */
    Collection<Connection> watchersOf(UUID user) {
        Set<Connection> watchers = watchersOf.get(user);
        return watchers == null ? List.of() : List.copyOf(watchers);
    }

    /** Whom the connection watches, and whether it may see each (a copy; empty when none). */
    Map<UUID, Boolean> visibility(Connection connection) {
        Watch watch = watches.get(connection);
        if (watch == null) {
            return Map.of();
        }
        synchronized (watch) {
            return Map.copyOf(watch.visible);
        }
    }

    /** The users the connection watches (empty when none). */
    List<UUID> watchedBy(Connection connection) {
        Watch watch = watches.get(connection);
        if (watch == null) {
            return List.of();
        }
        synchronized (watch) {
            return List.copyOf(watch.visible.keySet());
        }
    }

    /** A publish for a user nobody here watches any more: take this handler out of its set. */
    Mono<Void> forget(UUID user) {
        return watchersOf.containsKey(user) ? Mono.empty() : withdraw(user);
    }

    @Override
    public void opened(Connection connection) {
    }

    @Override
    public void closing(Connection connection) {
        Watch watch = watches.remove(connection);
        if (watch == null) {
            return;
        }
        List<UUID> removed = new ArrayList<>();
        synchronized (watch) {
            for (UUID user : watch.visible.keySet()) {
                if (unwatch(connection, user)) {
                    removed.add(user);
                }
            }
            watch.visible = Map.of();
        }
        Flux.fromIterable(removed).flatMap(this::withdraw).subscribe();
    }

    /** Returns true when the connection is the user's first local watcher. */
    private boolean watch(Connection connection, UUID user) {
        boolean[] first = {false};
        watchersOf.compute(user, (u, set) -> {
            Set<Connection> watchers = set == null ? ConcurrentHashMap.newKeySet() : set;
            first[0] = watchers.isEmpty();
            watchers.add(connection);
            return watchers;
        });
        return first[0];
    }

    /** Returns true when the connection was the user's last local watcher. */
    private boolean unwatch(Connection connection, UUID user) {
        boolean[] last = {false};
        watchersOf.computeIfPresent(user, (u, watchers) -> {
            watchers.remove(connection);
            last[0] = watchers.isEmpty();
            return last[0] ? null : watchers;
        });
        return last[0];
    }

    private Mono<Void> announce(UUID user) {
        String key = keys.watchers(user);
        return redis.opsForSet().add(key, handlerId)
                .then(redis.expire(key, properties.watcherTtl()))
                .then();
    }

    private Mono<Void> withdraw(UUID user) {
        return redis.opsForSet().remove(keys.watchers(user), handlerId).then()
                .onErrorResume(e -> Mono.empty()); // the set expires; lastseen-service removes dead entries
    }

    private Mono<Void> refresh() {
        return Flux.fromIterable(List.copyOf(watchersOf.keySet()))
                .flatMap(this::announce, 16)
                .then()
                // A refresh that never ended would stop the next ones, and the sets would expire.
                .timeout(properties.refreshInterval())
                .onErrorResume(e -> {
                    log.warn("could not refresh the presence watcher sets: {}", e.toString());
                    return Mono.empty();
                });
    }

    @Override
    public void destroy() {
        refresher.dispose();
    }

    /** One connection's subscription; guarded by its own monitor. */
    private static final class Watch {
        final TokenBucket bucket;
        volatile Map<UUID, Boolean> visible = Map.of();
        boolean pending;
        final Set<UUID> changedWhilePending = new HashSet<>();

        Watch(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }
}
