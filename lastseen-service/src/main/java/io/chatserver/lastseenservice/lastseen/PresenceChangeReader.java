package io.chatserver.lastseenservice.lastseen;

import io.chatserver.lastseenservice.PresenceProperties;
import io.chatserver.lastseenservice.presence.PresenceFanout;
import io.chatserver.platform.presence.PresenceChange;
import io.chatserver.platform.redis.LuaScripts;
import io.chatserver.platform.registry.RegistryKeys;
import io.chatserver.platform.runtime.ChatInstanceProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the registry's presence stream (PresenceChange) in a consumer group shared by every
 * instance of this service, records the last seen of users who went offline, and hands each
 * user's latest change of a read to the fan-out. An entry is
 * acknowledged only once recorded, so a crash or a MySQL outage leaves it pending, read again by
 * this consumer (from "0") or taken over by another instance after claimAfter. Polls without
 * BLOCK: a blocking read would hold the connection every other Redis call shares.
 */
@Component
final class PresenceChangeReader implements SmartLifecycle {

    static final String GROUP = "lastseen-service";
    private static final Logger log = LoggerFactory.getLogger(PresenceChangeReader.class);
    private static final RedisScript<Long> CREATE_GROUP = LuaScripts.load("changes_group", Long.class);
    private static final RedisScript<Long> CLAIM = LuaScripts.load("changes_claim", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final LastSeenStore lastSeen;
    private final PresenceFanout fanout;
    private final PresenceProperties properties;
    private final String stream;
    private final Consumer consumer;
    private final Counter unreadable;
    private final Counter recorded;
    /** Read this consumer's own pending entries (from "0") before new ones. */
    private final AtomicBoolean pendingFirst = new AtomicBoolean(true);
    private volatile Disposable running;

    PresenceChangeReader(ReactiveStringRedisTemplate redis, LastSeenStore lastSeen, PresenceFanout fanout,
            PresenceProperties properties,
            RegistryKeys keys, ChatInstanceProperties instance, MeterRegistry meters) {
        this.redis = redis;
        this.lastSeen = lastSeen;
        this.fanout = fanout;
        this.properties = properties;
        this.stream = keys.presenceChanges;
        this.consumer = Consumer.from(GROUP, instance.instanceId());
        this.unreadable = Counter.builder("chat.presence.changes.unreadable")
                .description("Entries of the presence stream that were not presence changes, skipped").register(meters);
        this.recorded = Counter.builder("chat.presence.changes.read")
                .description("Presence changes read from the registry's stream and recorded").register(meters);
    }

    @Override
    public void start() {
        Mono<Void> reading = redis.execute(CREATE_GROUP, List.of(stream), List.of(GROUP)).then()
                .thenMany(Flux.defer(this::readBatch).repeat())
                .then();
        Flux<Long> claiming = Flux.interval(properties.claimAfter().dividedBy(2))
                .concatMap(tick -> claim().onErrorResume(e -> Mono.just(0L)));
        running = Mono.when(reading.retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofSeconds(1))
                                .doBeforeRetry(signal -> {
                                    pendingFirst.set(true);
                                    log.warn("reading presence changes failed, again in 1 s: {}", signal.failure().toString());
                                })),
                        claiming)
                .subscribe();
    }

    /** One read, recorded and acknowledged; waits the idle poll after a read that was not full. */
    private Mono<Integer> readBatch() {
        boolean pending = pendingFirst.get();
        ReadOffset offset = pending ? ReadOffset.from("0") : ReadOffset.lastConsumed();
        return redis.opsForStream()
                .read(consumer, StreamReadOptions.empty().count(properties.changesBatch()), StreamOffset.create(stream, offset))
                .collectList()
                .flatMap(records -> record(records).thenReturn(records.size()))
                .flatMap(read -> {
                    if (pending && read == 0) {
                        pendingFirst.set(false);
                        return Mono.just(read);
                    }
                    return read < properties.changesBatch() && !pending
                            ? Mono.delay(properties.changesIdlePoll()).thenReturn(read) : Mono.just(read);
                });
    }

    private Mono<Void> record(List<MapRecord<String, Object, Object>> records) {
        if (records.isEmpty()) {
            return Mono.empty();
        }
        Map<UUID, Instant> offline = new HashMap<>();
        Map<UUID, String> latest = new HashMap<>();
        for (MapRecord<String, Object, Object> record : records) {
            try {
                PresenceChange change = PresenceChange.parse(record.getId().getValue(), record.getValue());
                latest.put(change.userId(), change.streamId());
                if (!change.online()) {
                    offline.merge(change.userId(), change.at(), (a, b) -> a.isAfter(b) ? a : b);
                }
            } catch (RuntimeException e) {
                unreadable.increment();
                log.warn("skipping presence stream entry {}: {}", record.getId(), e.toString());
            }
        }
        RecordId[] ids = records.stream().map(MapRecord::getId).toArray(RecordId[]::new);
        return lastSeen.record(offline)
                .then(redis.opsForStream().acknowledge(stream, GROUP, ids))
                .doOnSuccess(acked -> {
                    recorded.increment(records.size());
                    latest.forEach((user, id) -> fanout.changed(user, PresenceFanout.version(id)));
                })
                .then();
    }

    private Mono<Long> claim() {
        return redis.execute(CLAIM, List.of(stream), List.of(GROUP, consumer.getName(),
                        Long.toString(properties.claimAfter().toMillis()), Integer.toString(properties.changesBatch())))
                .single()
                .doOnNext(claimed -> {
                    if (claimed > 0) {
                        pendingFirst.set(true);
                    }
                });
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }
}
