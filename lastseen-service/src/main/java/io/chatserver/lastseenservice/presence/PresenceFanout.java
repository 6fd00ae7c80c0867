package io.chatserver.lastseenservice.presence;

import io.chatserver.lastseenservice.PresenceProperties;
import io.chatserver.platform.presence.PresenceKeys;
import io.chatserver.platform.registry.DeviceSession;
import io.chatserver.platform.registry.HandlerCommands;
import io.chatserver.platform.registry.RegistryLookup;
import io.chatserver.protocol.internal.v1.PresenceChanged;
import io.chatserver.protocol.v1.PresenceState;
import io.chatserver.protocol.v1.UserPresence;
import io.micrometer.core.instrument.Counter;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Pushes presence changes to the handlers whose connections watch the user (Redis set
 * {@code chat:presence:watchers:{userId}}, kept by the handlers), one publish per handler, never
 * one per watcher: the handler fans out to its connections and applies each one's visibility. Per
 * user at most one change per publishInterval; the changes in between are coalesced into the state
 * read when the interval ends. Best effort, like every handler command: a watcher that missed one
 * reads the truth when it subscribes again.
 */
@Component
public final class PresenceFanout implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PresenceFanout.class);

    private final ReactiveStringRedisTemplate redis;
    private final HandlerCommands commands;
    private final RegistryLookup registry;
    private final Presences presences;
    private final PresenceKeys keys;
    private final Clock clock;
    private final long intervalMs;
    private final ConcurrentMap<UUID, Throttle> throttles = new ConcurrentHashMap<>();
    private final Disposable sweeper;
    private final Counter published;
    private final Counter coalesced;
    private final Counter goneHandlers;

    PresenceFanout(ReactiveStringRedisTemplate redis, HandlerCommands commands, RegistryLookup registry,
            Presences presences, PresenceKeys keys, Clock clock, PresenceProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.commands = commands;
        this.registry = registry;
        this.presences = presences;
        this.keys = keys;
        this.clock = clock;
        this.intervalMs = properties.publishInterval().toMillis();
        this.published = Counter.builder("chat.presence.events.published")
                .description("Presence changes published to a handler (one per watching handler)").register(meters);
        this.coalesced = Counter.builder("chat.presence.events.coalesced")
                .description("Presence changes folded into a later publish by the per-user interval").register(meters);
        this.goneHandlers = Counter.builder("chat.presence.watchers.gone")
                .description("Handlers removed from a watcher set because nobody received their publish").register(meters);
        Duration sweep = Duration.ofMillis(Math.max(1_000, intervalMs * 10));
        this.sweeper = Flux.interval(sweep, sweep).subscribe(tick -> forgetIdle());
    }

    /** The user's presence changed (version orders one user's changes). */
    public void changed(UUID userId, long version) {
        Throttle throttle = throttles.computeIfAbsent(userId, id -> new Throttle());
        long delay;
        synchronized (throttle) {
            throttle.version = Math.max(throttle.version, version);
            if (throttle.scheduled) {
                coalesced.increment();
                return;
            }
            throttle.scheduled = true;
            delay = Math.max(0, throttle.lastPublishMs + intervalMs - clock.millis());
        }
        Mono.delay(Duration.ofMillis(delay))
                .then(Mono.defer(() -> {
                    long latest;
                    synchronized (throttle) {
                        throttle.scheduled = false;
                        throttle.lastPublishMs = clock.millis();
                        latest = throttle.version;
                    }
                    return publish(userId, latest);
                }))
                .subscribe();
    }

    /**
     * The user's privacy setting or contacts changed: the handlers watching them decide again who may
     * see them, and the handlers of the user's own connections what the user may see (reciprocity).
     */
    public Mono<Void> privacyChanged(UUID userId) {
        PresenceChanged change = PresenceChanged.newBuilder().setUserId(userId.toString()).setPrivacyChanged(true).build();
        return redis.opsForSet().members(keys.watchers(userId))
                .concatWith(registry.userSessions(userId).map(DeviceSession::handlerId))
                .distinct()
                .flatMap(handler -> send(userId, handler, change))
                .then()
                .onErrorResume(e -> {
                    log.warn("could not announce the privacy change of {}: {}", userId, e.toString());
                    return Mono.empty();
                });
    }

    private Mono<Void> publish(UUID userId, long version) {
        return redis.opsForSet().members(keys.watchers(userId)).collectList()
                .filter(handlers -> !handlers.isEmpty())
                .flatMap(handlers -> presences.current(userId).flatMap(view -> {
                    PresenceChanged change = PresenceChanged.newBuilder()
                            .setUserId(userId.toString())
                            .setPresence(wire(view))
                            .setVersion(version)
                            .build();
                    return Flux.fromIterable(handlers).flatMap(handler -> send(userId, handler, change)).then();
                }))
                .onErrorResume(e -> {
                    log.warn("could not publish the presence of {}: {}", userId, e.toString());
                    return Mono.empty();
                });
    }

    /** Publishes to one handler; a handler nobody listens for any more leaves the user's watcher set. */
    private Mono<Void> send(UUID userId, String handler, PresenceChanged change) {
        return commands.presence(handler, change).flatMap(receivers -> {
            if (receivers > 0) {
                published.increment();
                return Mono.empty();
            }
            goneHandlers.increment();
            return redis.opsForSet().remove(keys.watchers(userId), handler).then();
        });
    }

    static UserPresence wire(PresenceView view) {
        UserPresence.Builder presence = UserPresence.newBuilder().setUserId(view.userId().toString());
        switch (view.state()) {
            case ONLINE -> presence.setState(PresenceState.ONLINE);
            case OFFLINE -> presence.setState(PresenceState.OFFLINE)
                    .setLastSeenAtMs(view.lastSeenAtMs() == null ? 0 : view.lastSeenAtMs());
            case HIDDEN -> presence.setState(PresenceState.HIDDEN);
        }
        return presence.build();
    }

    /** Users not published for a while need no throttle: their next change goes out at once. */
    private void forgetIdle() {
        long before = clock.millis() - intervalMs;
        throttles.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                return !entry.getValue().scheduled && entry.getValue().lastPublishMs < before;
            }
        });
    }

    @Override
    public void destroy() {
        sweeper.dispose();
    }

    /** Per user: when the last publish went, the newest version since, and whether a publish is due. */
    private static final class Throttle {
        long lastPublishMs;
        long version;
        boolean scheduled;
    }

    /** Orders changes by their entry in the registry's stream ("ms-seq"). */
    public static long version(String streamId) {
        int dash = streamId.indexOf('-');
        long millis = Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash));
        long seq = dash < 0 ? 0 : Math.min(999, Long.parseLong(streamId.substring(dash + 1)));
        return millis * 1000 + seq;
    }
}
