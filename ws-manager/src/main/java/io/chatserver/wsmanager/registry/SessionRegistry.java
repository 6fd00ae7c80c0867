package io.chatserver.wsmanager.registry;

import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.presence.PresenceChange;
import io.chatserver.platform.registry.DeviceSession;
import io.chatserver.platform.registry.RegistryKeys;
import io.chatserver.platform.registry.RegistryLookup;
import io.chatserver.platform.registry.ScriptResults;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.wsmanager.WsManagerProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The registry in Redis, in both directions: (user, device) -> session on a handler, and handler ->
 * its sessions, plus handler leases. Lookups only return sessions of handlers whose lease is live.
 */
@Component
public final class SessionRegistry {

    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;
    private final WsManagerProperties properties;
    private final RegistryKeys keys;
    private final RegistryLookup lookup;
    private final int chunk;
    /** A handshake older than this when its registration arrives is dated this old. */
    private static final Duration MAX_AGE = Duration.ofMinutes(1);
    /**
     * Sessions per script call when reconciling or dropping a handler: one script over 19,000
     * sessions held Redis for 1.6 s (every other command timed out meanwhile); 500 take a few ms.
     */
    static final int CHUNK = 500;
    private static final String STREAM_LENGTH = Long.toString(PresenceChange.MAX_ENTRIES);

    @Autowired
    SessionRegistry(ReactiveStringRedisTemplate redis, Clock clock, WsManagerProperties properties) {
        this(redis, clock, properties, new RegistryKeys(RegistryKeys.DEFAULT_PREFIX), CHUNK);
    }

    SessionRegistry(ReactiveStringRedisTemplate redis, Clock clock, WsManagerProperties properties,
            RegistryKeys keys, int chunk) {
        this.redis = redis;
        this.clock = clock;
        this.properties = properties;
        this.keys = keys;
        this.chunk = chunk;
        this.lookup = new RegistryLookup(redis, clock, keys);
    }

    /** Registers a session that begins now; see {@link #register(UUID, int, String, String, Instant)}. */
    public Mono<SessionRef> register(UUID userId, int deviceId, String handlerId, String sessionId) {
        return register(userId, deviceId, handlerId, sessionId, clock.instant());
    }

    /**
     * Registers a session whose handshake began {@code age} ago (at most a minute counts), dated by
     * this clock; see {@link #register(UUID, int, String, String, Instant)}.
     */
    public Mono<SessionRef> registerAged(UUID userId, int deviceId, String handlerId, String sessionId, Duration age) {
        Duration counted = age.isNegative() ? Duration.ZERO : age.compareTo(MAX_AGE) > 0 ? MAX_AGE : age;
        return register(userId, deviceId, handlerId, sessionId, clock.instant().minus(counted));
    }

    /** Registers a session whose handshake began at startedAt (this clock), taken as at most a minute back. */
    public Mono<SessionRef> registerStartedAt(UUID userId, int deviceId, String handlerId, String sessionId,
            Instant startedAt) {
        return registerAged(userId, deviceId, handlerId, sessionId, Duration.between(startedAt, clock.instant()));
    }

    /**
     * Registers the session, which began at {@code connectedAt} (by this service's clock);
     * emits the device's previous session if one was replaced. Fails with SESSION_REPLACED, changing
     * nothing, when the device's current session began later: this registration came too late.
     */
    public Mono<SessionRef> register(UUID userId, int deviceId, String handlerId, String sessionId,
            Instant connectedAt) {
        long now = clock.millis();
        return ScriptResults.strings(redis.execute(RegistryScripts.REGISTER,
                        List.of(keys.user(userId), keys.handler(handlerId), keys.leases, keys.presenceChanges),
                        List.of(userId.toString(), Integer.toString(deviceId), handlerId, sessionId,
                                Long.toString(connectedAt.toEpochMilli()), keys.handlerPrefix, graceDeadline(now),
                                STREAM_LENGTH)))
                .flatMap(result -> {
                    if (result.size() == 3) {
                        return Mono.error(new ChatException(ErrorCode.SESSION_REPLACED, "device " + deviceId
                                + " has a session that began after " + sessionId + ": " + result.get(2)));
                    }
                    return result.size() == 2 ? Mono.just(new SessionRef(result.get(0), result.get(1))) : Mono.empty();
                });
    }

    /** Removes the session, last active now; see {@link #unregister(UUID, int, String, Instant)}. */
    public Mono<Boolean> unregister(UUID userId, int deviceId, String sessionId) {
        return unregister(userId, deviceId, sessionId, clock.instant());
    }

    /**
     * Removes the session if it is still the device's current one; emits whether it was removed. When
     * it was the user's last, the user goes offline, last seen at lastActiveAt (no later than now).
     */
    public Mono<Boolean> unregister(UUID userId, int deviceId, String sessionId, Instant lastActiveAt) {
        long lastActive = Math.min(clock.millis(), lastActiveAt.toEpochMilli());
        return redis.execute(RegistryScripts.UNREGISTER, List.of(keys.user(userId), keys.presenceChanges),
                        List.of(userId.toString(), Integer.toString(deviceId), sessionId, keys.handlerPrefix,
                                Long.toString(lastActive), STREAM_LENGTH))
                .single()
                .map(removed -> removed == 1L);
    }

    /**
     * Emits whether an earlier renewal is still on record: false on a handler's first renewal,
     * after it stopped renewing for a lease TTL (and was reaped), or after Redis lost the registry,
     * even if a registration has created the lease again meanwhile. Then the handler must send its
     * sessions at once (and read its inboxes again: pushes to it may have been lost).
     */
    public Mono<Boolean> renewLease(String handlerId) {
        long ttl = properties.leaseTtl().toMillis();
        return redis.execute(RegistryScripts.RENEW_LEASE, List.of(keys.leases, keys.renewed(handlerId)),
                List.of(handlerId, Long.toString(clock.millis() + ttl), Long.toString(ttl)))
                .single().map(known -> known == 1L);
    }

    /** Graceful shutdown of a handler: its lease and all its sessions go at once. */
    public Mono<Long> dropHandler(String handlerId) {
        return drop(handlerId, "always");
    }

    /** Drops every handler whose lease expired; emits how many sessions were removed. */
    public Mono<Long> reapExpired() {
        long now = clock.millis();
        Range<Double> expired = Range.of(Range.Bound.unbounded(), Range.Bound.exclusive((double) now));
        return redis.opsForZSet()
                .rangeByScore(keys.leases, expired, Limit.limit().count(properties.reapBatchSize()))
                .concatMap(handlerId -> drop(handlerId, Long.toString(now)))
                .filter(removed -> removed > 0)
                .reduce(0L, Long::sum);
    }

    /**
     * A chunk of sessions at a time until none is left; emits how many were removed, or -1 when the
     * lease was renewed before the first chunk (then nothing was dropped). A renewal half-way stops it.
     */
    private Mono<Long> drop(String handlerId, String guard) {
        return dropChunk(handlerId, guard, 0, Long.toString(clock.millis()));
    }

    /** aliveAt: when the handler was last known alive, from the first chunk on (it removes the lease). */
    private Mono<Long> dropChunk(String handlerId, String guard, long removedSoFar, String aliveAt) {
        return ScriptResults.strings(redis.execute(RegistryScripts.DROP_HANDLER,
                        List.of(keys.leases, keys.handler(handlerId), keys.renewed(handlerId), keys.presenceChanges),
                        List.of(handlerId, guard, keys.userPrefix, Integer.toString(chunk), aliveAt,
                                Long.toString(properties.leaseTtl().toMillis()), STREAM_LENGTH)))
                .flatMap(result -> {
                    long removed = Long.parseLong(result.get(0));
                    if (removed < 0) {
                        return Mono.just(removedSoFar == 0 ? -1L : removedSoFar);
                    }
                    return Long.parseLong(result.get(1)) == 0 ? Mono.just(removedSoFar + removed)
                            : dropChunk(handlerId, guard, removedSoFar + removed, result.get(2));
                });
    }

    /**
     * Replaces what the registry knows of a handler by the sessions it holds; emits the stale ones.
     * Entry by entry it does what one atomic script did, a chunk at a time: the handler's entries
     * that are not listed go (unless registered within the grace: they may have raced the list),
     * then the listed sessions are registered.
     */
    public Flux<DeviceSession> reconcile(String handlerId, List<DeviceSession> held) {
        long now = clock.millis();
        String cutoff = Long.toString(now - properties.reconcileGrace().toMillis());
        Set<String> listed = new HashSet<>(held.size() * 2);
        held.forEach(session -> listed.add(session.userId() + "|" + session.deviceId() + "|" + session.sessionId()));
        Mono<Long> unlisted = redis.opsForSet().scan(keys.handler(handlerId), ScanOptions.scanOptions().count(chunk).build())
                .filter(member -> !listed.contains(member))
                .distinct()
                .buffer(chunk)
                .concatMap(members -> {
                    List<String> args = new ArrayList<>(5 + members.size());
                    args.addAll(List.of(handlerId, keys.userPrefix, cutoff, Long.toString(now), STREAM_LENGTH));
                    args.addAll(members);
                    return redis.execute(RegistryScripts.RECONCILE_UNLISTED,
                            List.of(keys.handler(handlerId), keys.presenceChanges), args);
                })
                .reduce(0L, Long::sum);
        Flux<DeviceSession> registered = Flux.fromIterable(slices(held, chunk))
                .concatMap(sessions -> reconcileListed(handlerId, sessions, now));
        return unlisted.thenMany(registered);
    }

    private Flux<DeviceSession> reconcileListed(String handlerId, List<DeviceSession> sessions, long now) {
        List<String> args = new ArrayList<>(6 + sessions.size() * 4);
        args.addAll(List.of(handlerId, keys.handlerPrefix, keys.userPrefix, Long.toString(now), graceDeadline(now),
                STREAM_LENGTH));
        for (DeviceSession session : sessions) {
            Instant connectedAt = session.connectedAt() == null ? Instant.ofEpochMilli(now) : session.connectedAt();
            args.addAll(List.of(session.userId().toString(), Integer.toString(session.deviceId()),
                    session.sessionId(), Long.toString(connectedAt.toEpochMilli())));
        }
        return ScriptResults.strings(redis.execute(RegistryScripts.RECONCILE_LISTED,
                        List.of(keys.handler(handlerId), keys.leases, keys.presenceChanges), args))
                .flatMapIterable(values -> RegistryLookup.chunks(values, 3))
                .map(v -> new DeviceSession(UUID.fromString(v.get(0)), Integer.parseInt(v.get(1)), handlerId,
                        v.get(2), null));
    }

    private static <T> List<List<T>> slices(List<T> all, int size) {
        List<List<T>> slices = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            slices.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return slices;
    }

    public Flux<DeviceSession> userSessions(UUID userId) {
        return lookup.userSessions(userId);
    }

    public Flux<DeviceSession> handlerSessions(String handlerId) {
        return ScriptResults.strings(redis.execute(RegistryScripts.HANDLER_SESSIONS,
                        List.of(keys.handler(handlerId), keys.leases),
                        List.of(handlerId, Long.toString(clock.millis()), keys.userPrefix)))
                .flatMapIterable(values -> RegistryLookup.chunks(values, 4))
                .map(v -> new DeviceSession(UUID.fromString(v.get(0)), Integer.parseInt(v.get(1)), handlerId,
                        v.get(2), Instant.ofEpochMilli(Long.parseLong(v.get(3)))));
    }

    Mono<RegistryStats> stats() {
        return ScriptResults.strings(redis.execute(RegistryScripts.STATS, List.of(keys.leases),
                        List.of(Long.toString(clock.millis()), keys.handlerPrefix)))
                .map(v -> new RegistryStats(Long.parseLong(v.get(0)), Long.parseLong(v.get(1))));
    }

    /** A handler that registers before its first lease renewal gets one TTL of grace. */
    private String graceDeadline(long now) {
        return Long.toString(now + properties.leaseTtl().toMillis());
    }

}
