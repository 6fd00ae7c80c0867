package io.chatserver.groupservice.change;

import io.chatserver.groupservice.cache.GroupCache;
import io.chatserver.groupservice.relay.ChangeRelay;
import io.chatserver.groupservice.store.Change;
import io.chatserver.groupservice.store.GroupInfo;
import io.chatserver.groupservice.store.GroupState;
import io.chatserver.groupservice.store.GroupStore;
import io.chatserver.groupservice.store.LoggedChange;
import io.chatserver.groupservice.store.Member;
import io.chatserver.platform.jdbc.BlockingDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Every write to a group goes through here, in one MySQL transaction: lock the group's row, let the
 * edit check and write, give each change the next version and log it, stamp the row, read the new
 * state; after the commit, put that state in the cache and have the changes relayed to Kafka. So
 * all replicas agree on one order of the changes of a group, and the cache and the log follow it. Once begun, a change runs to the end
 * even if its caller goes away: a cancelled request must not commit a change and skip the cache.
 */
@Component
public final class GroupChanges {

    static final String CHANGES_METRIC = "chat.groups.changes";

    private final BlockingDatabase database;
    private final GroupStore store;
    private final GroupCache cache;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ChangeRelay relay;

    GroupChanges(BlockingDatabase database, GroupStore store, GroupCache cache, Clock clock, MeterRegistry meters,
            ChangeRelay relay) {
        this.database = database;
        this.store = store;
        this.cache = cache;
        this.clock = clock;
        this.meters = meters;
        this.relay = relay;
    }

    /** Emits the group after the edit; fails with 2101 when there is no such group. */
    public Mono<GroupState> apply(UUID groupId, GroupEdit edit) {
        return toTheEnd(database.inTransaction(jdbc -> {
            GroupState locked = store.lock(jdbc, groupId).orElseThrow(() -> GroupState.notFound(groupId));
            long now = clock.millis();
            List<Change> changes = edit.apply(jdbc, locked, now);
            if (changes.isEmpty()) {
                return new Outcome(locked, changes);
            }
            return new Outcome(logged(jdbc, groupId, locked.info().version(), changes, now), changes);
        }).flatMap(this::published));
    }

    /** A new group with its first members; the caller has checked them. */
    public Mono<GroupState> create(GroupInfo info, List<Member> members, List<Change> changes) {
        return toTheEnd(database.inTransaction(jdbc -> {
            store.insert(jdbc, info, members.size());
            members.forEach(member -> store.addMember(jdbc, info.id(), member));
            return new Outcome(logged(jdbc, info.id(), 0, changes, info.createdAt()), changes);
        }).flatMap(this::published));
    }

    /** Runs {@code work} on its own subscription; cancelling the returned Mono only stops waiting for it. */
    private static <T> Mono<T> toTheEnd(Mono<T> work) {
        return Mono.defer(() -> Mono.fromFuture(work.toFuture(), true));
    }

    /**
     * Stamps the group with the changes' last version, then logs each with the members as the whole
     * transaction leaves them (those added at a group's creation are told of the creation too); the
     * new state.
     */
    private GroupState logged(JdbcClient jdbc, UUID groupId, long previousVersion, List<Change> changes, long now) {
        long version = previousVersion + changes.size();
        store.stamp(jdbc, groupId, version, now);
        GroupState state = store.read(jdbc, groupId).orElseThrow();
        List<UUID> members = state.members().stream().map(Member::userId).toList();
        long next = previousVersion;
        for (Change change : changes) {
            store.log(jdbc, groupId, new LoggedChange(++next, change, now, change.recipients(members)));
        }
        return state;
    }

    private Mono<GroupState> published(Outcome outcome) {
        outcome.changes().forEach(change -> meters.counter(CHANGES_METRIC, "kind", change.kind().name()).increment());
        if (outcome.changes().isEmpty()) {
            return Mono.just(outcome.state());
        }
        // The system messages need not hold up the answer; the relay's sweep covers a crash before it ran.
        relay.kick(outcome.state().info().id());
        return cache.put(outcome.state()).thenReturn(outcome.state());
    }

    private record Outcome(GroupState state, List<Change> changes) {
    }
}
