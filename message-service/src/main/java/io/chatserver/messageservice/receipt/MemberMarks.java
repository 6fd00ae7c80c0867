package io.chatserver.messageservice.receipt;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.store.StoreFailures;
import org.springframework.data.cassandra.core.cql.ReactiveCqlOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Per-member delivered and read watermarks of a group (table group_member_marks): one write per
 * acknowledgement or MarkRead, whatever the group's size, and one partition read to see them all.
 * Instead of a receipt per member and message, the sender asks (A3: status by query, not fan-in).
 */
@Component
public final class MemberMarks {

    /**
     * One member's watermarks, 0 before the first, and the seq of the system message that added them
     * (0 when none was posted yet). Nothing before that seq was theirs to get or read, so their
     * effective marks are at least the seq before it.
     */
    public record Marks(long deliveredUpTo, long readUpTo, long joinedAtSeq) {
        static final Marks NONE = new Marks(0, 0, 0);

        public long effectiveDeliveredUpTo() {
            return Math.max(deliveredUpTo, joinedAtSeq - 1);
        }

        public long effectiveReadUpTo() {
            return Math.max(readUpTo, joinedAtSeq - 1);
        }
    }

    private final ReactiveCqlOperations cql;
    private final PreparedStatement delivered;
    private final PreparedStatement read;
    private final PreparedStatement joined;
    private final PreparedStatement all;
    private final PreparedStatement one;

    MemberMarks(CqlSession session, ReactiveCqlOperations cql) {
        this.cql = cql;
        // The seq is the write timestamp: Cassandra keeps the highest without reading (see V4__group_member_marks.cql).
        this.delivered = session.prepare("UPDATE group_member_marks USING TIMESTAMP ? SET delivered_up_to_seq = ?"
                + " WHERE conversation_id = ? AND user_id = ?");
        this.read = session.prepare("UPDATE group_member_marks USING TIMESTAMP ? SET read_up_to_seq = ?"
                + " WHERE conversation_id = ? AND user_id = ?");
        this.joined = session.prepare("UPDATE group_member_marks USING TIMESTAMP ? SET joined_at_seq = ?"
                + " WHERE conversation_id = ? AND user_id = ?");
        this.all = session.prepare("SELECT user_id, delivered_up_to_seq, read_up_to_seq, joined_at_seq"
                + " FROM group_member_marks WHERE conversation_id = ?");
        this.one = session.prepare("SELECT user_id, delivered_up_to_seq, read_up_to_seq, joined_at_seq"
                + " FROM group_member_marks WHERE conversation_id = ? AND user_id = ?");
    }

    public Mono<Void> raiseDelivered(GroupConversation group, UUID user, long seq) {
        return StoreFailures.retryable(cql.execute(delivered.bind(seq, seq, group.toString(), user)).then());
    }

    public Mono<Void> raiseRead(GroupConversation group, UUID user, long seq) {
        // Read implies delivered: a member who read up to seq has those messages.
        return StoreFailures.retryable(Mono.when(cql.execute(read.bind(seq, seq, group.toString(), user)),
                cql.execute(delivered.bind(seq, seq, group.toString(), user))));
    }

    /** These users came in with system message {@code seq}; a later join (they left and came back) wins. */
    public Mono<Void> recordJoin(GroupConversation group, Collection<UUID> users, long seq) {
        return StoreFailures.retryable(Flux.fromIterable(users)
                .flatMap(user -> cql.execute(joined.bind(seq, seq, group.toString(), user)))
                .then());
    }

    /** Every member's watermarks that were ever raised. */
    public Mono<Map<UUID, Marks>> all(GroupConversation group) {
        return StoreFailures.retryable(cql.queryForRows(all.bind(group.toString()))
                .collectMap(row -> row.getUuid("user_id"), MemberMarks::marks));
    }

    public Mono<Marks> of(GroupConversation group, UUID user) {
        return StoreFailures.retryable(cql.queryForRows(one.bind(group.toString(), user)).next()
                .map(MemberMarks::marks).defaultIfEmpty(Marks.NONE));
    }

    public static Marks of(Map<UUID, Marks> marks, UUID user) {
        return marks.getOrDefault(user, Marks.NONE);
    }

    private static Marks marks(Row row) {
        return new Marks(orZero(row, "delivered_up_to_seq"), orZero(row, "read_up_to_seq"), orZero(row, "joined_at_seq"));
    }

    private static long orZero(Row row, String column) {
        return row.isNull(column) ? 0 : row.getLong(column);
    }
}
