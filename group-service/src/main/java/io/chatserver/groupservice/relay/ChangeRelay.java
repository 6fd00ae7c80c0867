package io.chatserver.groupservice.relay;

import io.chatserver.groupservice.store.Change;
import io.chatserver.groupservice.store.GroupState;
import io.chatserver.groupservice.store.GroupStore;
import io.chatserver.groupservice.store.LoggedChange;
import io.chatserver.groupservice.store.Member;
import io.chatserver.platform.jdbc.BlockingDatabase;
import io.chatserver.protocol.internal.v1.GroupChangeEvent;
import io.chatserver.protocol.v1.GroupChange;
import io.chatserver.protocol.v1.GroupChangeKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts every logged change on Kafka after its commit (the change log is the outbox): read the changes
 * past the group's relayed version, publish them one after the other (each acknowledged before the
 * next, so Kafka has a group's changes in version order), then record how far it got. Kicked after
 * each change; a sweep picks up groups a crash or an unreachable broker left behind. At least once:
 * two relays of one group may publish a change twice, and message-service keeps one system message
 * per group and version.
 */
@Component
public final class ChangeRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChangeRelay.class);
    private static final int CHANGES_PER_ROUND = 100;

    private final BlockingDatabase database;
    private final GroupStore store;
    private final KafkaTemplate<String, byte[]> kafka;
    private final RelayProperties properties;
    private final Clock clock;
    private final KafkaAdmin admin;
    private final NewTopic topic;
    /** False until the topic is known to exist with its partitions. */
    private volatile boolean topicEnsured;
    /** Groups a relay runs for in this instance; true when another change came in meanwhile. */
    private final ConcurrentHashMap<UUID, Boolean> running = new ConcurrentHashMap<>();
    private final Counter relayed;
    private final Counter failed;
    private final Disposable sweeps;

    ChangeRelay(BlockingDatabase database, GroupStore store, KafkaTemplate<String, byte[]> kafka,
            RelayProperties properties, Clock clock, MeterRegistry meters, KafkaAdmin admin,
            NewTopic groupChangesTopic) {
        this.database = database;
        this.store = store;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.admin = admin;
        this.topic = groupChangesTopic;
        this.relayed = meters.counter("chat.groups.relay", "outcome", "relayed");
        this.failed = meters.counter("chat.groups.relay", "outcome", "failed");
        this.sweeps = Flux.interval(properties.sweepInterval(), properties.sweepInterval(), Schedulers.boundedElastic())
                // A sweep that outlasts the interval (the broker away) skips ticks instead of ending the sweeps.
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(e -> {
                    log.debug("relay sweep failed: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    /** Relays the group's new changes soon, without waiting; a relay already running goes round again. */
    public void kick(UUID groupId) {
        // Atomically: start a relay, or tell the running one to go round again.
        boolean[] start = {false};
        running.compute(groupId, (id, again) -> {
            start[0] = again == null;
            return again != null;
        });
        if (start[0]) {
            relayAll(groupId).subscribe();
        }
    }

    /**
     * Relays what every group left pending for a sweep interval has (the relay a change kicks is
     * not raced); completes when done.
     */
    public Mono<Void> sweep() {
        return database.call(jdbc -> store.groupsToRelay(jdbc,
                        clock.millis() - properties.sweepInterval().toMillis(), 1000))
                .flatMapMany(Flux::fromIterable)
                .concatMap(groupId -> relayRound(groupId).onErrorResume(e -> Mono.empty()))
                .then();
    }

    private Mono<Void> relayAll(UUID groupId) {
        return relayRound(groupId)
                .onErrorResume(e -> Mono.empty()) // counted; the sweep tries again
                .then(Mono.defer(() -> {
                    // Atomically: done unless a kick came in meanwhile; then take it and go round again.
                    Boolean again = running.computeIfPresent(groupId, (id, kicked) -> kicked ? Boolean.FALSE : null);
                    return again == null ? Mono.<Void>empty() : relayAll(groupId);
                }));
    }

    /** Publishes the changes past the relayed version (up to a round's worth) and records the last one. */
    private Mono<Void> relayRound(UUID groupId) {
        return database.call(jdbc -> store.relayedVersion(jdbc, groupId).map(relayedVersion -> new Pending(
                        store.changesToRelay(jdbc, groupId, relayedVersion, CHANGES_PER_ROUND),
                        store.read(jdbc, groupId).orElseThrow(), relayedVersion)))
                .flatMap(found -> found.map(Mono::just).orElseGet(Mono::empty))
                .flatMap(pending -> Flux.fromIterable(pending.changes())
                        .concatMap(change -> publish(groupId, change, pending.state()).thenReturn(change.version()))
                        .last(pending.relayedVersion())
                        .flatMap(version -> database.call(jdbc -> {
                            store.markRelayed(jdbc, groupId, version);
                            return version;
                        }))
                        .flatMap(version -> pending.changes().size() == CHANGES_PER_ROUND
                                ? relayRound(groupId) : Mono.<Long>empty()))
                .doOnError(e -> {
                    failed.increment();
                    log.warn("changes of group {} not relayed yet (the sweep tries again): {}", groupId, e.toString());
                })
                .then();
    }

    private Mono<Void> publish(UUID groupId, LoggedChange logged, GroupState state) {
        GroupChangeEvent event = event(groupId, logged, state);
        return Mono.fromFuture(() -> {
                    ensureTopic();
                    return kafka.send(properties.topic(), groupId.toString(), event.toByteArray());
                })
                // send() blocks while it fetches the topic's metadata: not on an event loop.
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(properties.publishTimeout())
                .doOnSuccess(done -> relayed.increment())
                .then();
    }

    /**
     * Creates the topic with its partitions when startup could not (the broker was away), before a
     * send could have the broker create it with its defaults; once done, never again.
     */
    private synchronized void ensureTopic() {
        if (!topicEnsured) {
            admin.createOrModifyTopics(topic);
            topicEnsured = true;
        }
    }

    /**
     * Its recipients are those the log fixed when the change was made; for a change logged before the
     * log kept them, the members now and whoever it took out.
     */
    static GroupChangeEvent event(UUID groupId, LoggedChange logged, GroupState state) {
        Change change = logged.change();
        List<UUID> recipients = !logged.recipients().isEmpty() ? logged.recipients()
                : change.recipients(state.members().stream().map(Member::userId).toList());
        return GroupChangeEvent.newBuilder()
                .setGroupId(groupId.toString())
                .setChange(GroupChange.newBuilder()
                        .setVersion(logged.version())
                        .setKind(GroupChangeKind.valueOf(change.kind().name()))
                        .setActorUserId(change.actor().toString())
                        .addAllSubjectUserIds(change.subjects().stream().map(UUID::toString).toList()))
                .setChangedAtMs(logged.changedAt())
                .addAllRecipientUserIds(recipients.stream().map(UUID::toString).toList())
                .build();
    }

    @Override
    public void destroy() {
        sweeps.dispose();
    }

    private record Pending(List<LoggedChange> changes, GroupState state, long relayedVersion) {
    }
}
