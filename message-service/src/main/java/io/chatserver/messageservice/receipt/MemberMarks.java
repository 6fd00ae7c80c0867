package io.chatserver.messageservice.receipt;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.store.StoreFailures;
import org.springframework.data.cassandra.core.cql.ReactiveCqlOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.UUID;

/**
 * Per-member delivered and read watermarks of a group (table group_member_marks): one write per
 * acknowledgement or MarkRead, whatever the group's size, and one partition read to see them all.
 * Instead of a receipt per member and message, the sender asks (A3: status by query, not fan-in).
 */
@Component
public final class MemberMarks {

    /** One member's watermarks; 0 before the first. */
    public record Marks(long deliveredUpTo, long readUpTo) {
        static final Marks NONE = new Marks(0, 0);
    }

    private final ReactiveCqlOperations cql;
    private final PreparedStatement delivered;
    private final PreparedStatement read;
    private final PreparedStatement all;
    private final PreparedStatement one;

    MemberMarks(CqlSession session, ReactiveCqlOperations cql) {
        this.cql = cql;
        // The seq is the write timestamp: Cassandra keeps the highest without reading (see V4__group_member_marks.cql).
        this.delivered = session.prepare("UPDATE group_member_marks USING TIMESTAMP ? SET delivered_up_to_seq = ?"
                + " WHERE conversation_id = ? AND user_id = ?");
        this.read = session.prepare("UPDATE group_member_marks USING TIMESTAMP ? SET read_up_to_seq = ?"
                + " WHERE conversation_id = ? AND user_id = ?");
        this.all = session.prepare("SELECT user_id, delivered_up_to_seq, read_up_to_seq FROM group_member_marks"
                + " WHERE conversation_id = ?");
        this.one = session.prepare("SELECT user_id, delivered_up_to_seq, read_up_to_seq FROM group_member_marks"
                + " WHERE conversation_id = ? AND user_id = ?");
    }

    public Mono<Void> raiseDelivered(GroupConversation group, UUID user, long seq) {
        return StoreFailures.retryable(cql.execute(delivered.bind(seq, seq, group.toString(), user)).then());
    }

    public Mono<Void> raiseRead(GroupConversation group, UUID user, long seq) {
        // Read implies delivered: a member who read up to seq has those messages.
        return StoreFailures.retryable(Mono.when(cql.execute(read.bind(seq, seq, group.toString(), user)),
                cql.execute(delivered.bind(seq, seq, group.toString(), user))));
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
        return new Marks(row.isNull("delivered_up_to_seq") ? 0 : row.getLong("delivered_up_to_seq"),
                row.isNull("read_up_to_seq") ? 0 : row.getLong("read_up_to_seq"));
    }
}
