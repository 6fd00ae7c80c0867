package io.chatserver.messageservice.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.store.StoreFailures;
import org.springframework.data.cassandra.core.cql.ReactiveCqlOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Where each member's share of a group's history begins (table group_version_seqs). Every group
 * message is sent at a group version (the member list it was checked against); this keeps the
 * lowest seq sent at each version. A member whose membership began at version V (group-service
 * says so) was sent everything from the lowest seq at V or later: that is their first readable seq.
 * A membership that began before the group's oldest kept version (0 for memberships older than
 * the column) reaches back to seq 1.
 */
@Component
public final class GroupVersionSeqs {

    /** Past every seq: no message was sent since the membership began. */
    public static final long NONE = Long.MAX_VALUE;
    /** Lower seq, higher write timestamp: the lowest seq of a version wins without a read. */
    private static final long TIMESTAMP_TOP = 1L << 62;
    /** Versions read to find a first seq; the lowest is among the first few unless sends raced. */
    private static final int VERSIONS_READ = 100;

    private final ReactiveCqlOperations cql;
    private final PreparedStatement record;
    private final PreparedStatement from;

    GroupVersionSeqs(CqlSession session, ReactiveCqlOperations cql) {
        this.cql = cql;
        this.record = session.prepare("UPDATE group_version_seqs USING TTL ? AND TIMESTAMP ? SET first_seq = ?"
                + " WHERE conversation_id = ? AND group_version = ?");
        this.from = session.prepare("SELECT group_version, first_seq FROM group_version_seqs"
                + " WHERE conversation_id = ? AND group_version >= ? LIMIT ?");
    }

    /** This message was sent at this group version; ttlSeconds as the group's history (0: for good). */
    public Mono<Void> record(GroupConversation group, long groupVersion, Allocation allocation, int ttlSeconds) {
        return StoreFailures.retryable(cql.execute(record.bind(ttlSeconds, TIMESTAMP_TOP - allocation.seq(),
                allocation.seq(), group.toString(), groupVersion)).then());
    }

    /** The first seq a membership that began at {@code joinedVersion} was sent; {@link #NONE} when none yet. */
    public Mono<Long> firstSeqFrom(GroupConversation group, long joinedVersion) {
        if (joinedVersion <= 0) {
            return Mono.just(1L);
        }
        return read(group, joinedVersion, VERSIONS_READ)
                .map(rows -> rows.stream().mapToLong(row -> row[1]).min().orElse(NONE));
    }

    /**
     * The first seq of every membership that began at {@code oldestJoin} or later (and 1 for those
     * from before the column, version 0), from one read of the versions since then.
     */
    public Mono<LongUnaryOperator> floors(GroupConversation group, long oldestJoin) {
        return read(group, Math.max(1, oldestJoin), Integer.MAX_VALUE).map(GroupVersionSeqs::floorsOf);
    }

    /** Rows of (version, first seq) from a version on, in version order. */
    private Mono<List<long[]>> read(GroupConversation group, long fromVersion, int limit) {
        return StoreFailures.retryable(cql.queryForRows(from.bind(group.toString(), fromVersion, limit))
                .map(row -> new long[] {row.getLong("group_version"), row.getLong("first_seq")})
                .collectList());
    }

    /** Suffix minima: the first seq sent at a version at or after each one asked for. */
    private static LongUnaryOperator floorsOf(List<long[]> rows) {
        long[] versions = new long[rows.size()];
        long[] minima = new long[rows.size()];
        long lowest = NONE;
        for (int i = rows.size() - 1; i >= 0; i--) {
            lowest = Math.min(lowest, rows.get(i)[1]);
            versions[i] = rows.get(i)[0];
            minima[i] = lowest;
        }
        return version -> {
            if (version <= 0) {
                return 1;
            }
            int at = Arrays.binarySearch(versions, version);
            int index = at >= 0 ? at : -at - 1;
            return index < versions.length ? minima[index] : NONE;
        };
    }
}
