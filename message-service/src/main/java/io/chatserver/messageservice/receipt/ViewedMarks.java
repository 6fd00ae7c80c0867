package io.chatserver.messageservice.receipt;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.conversation.Conversation;
import io.chatserver.messageservice.store.StoreFailures;
import org.springframework.data.cassandra.core.cql.ReactiveCqlOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Who opened which message (the viewed_marks table). */
@Component
final class ViewedMarks {

    private final ReactiveCqlOperations cql;
    private final PreparedStatement insert;
    private final PreparedStatement markSent;
    private final int ttlSeconds;

    ViewedMarks(CqlSession session, ReactiveCqlOperations cql, MessagingProperties properties) {
        this.cql = cql;
        this.insert = session.prepare("INSERT INTO viewed_marks (conversation_id, seq, viewer_id, sent)"
                + " VALUES (?, ?, ?, false) IF NOT EXISTS USING TTL ?");
        this.markSent = session.prepare("UPDATE viewed_marks USING TTL ? SET sent = true"
                + " WHERE conversation_id = ? AND seq = ? AND viewer_id = ?");
        this.ttlSeconds = properties.retention() == MessagingProperties.Retention.HISTORY ? 0 : properties.inboxTtlSeconds();
    }

    /**
     * True while this viewer's VIEWED receipt of the message is still to be sent: the first mark, or
     * a repeat after the receipt failed. A lightweight transaction, so two devices of one viewer marking
     * at once mostly send one receipt; rare enough (a tap on a view-once photo) to afford the Paxos round.
     */
    Mono<Boolean> toSend(Conversation conversation, long seq, UUID viewer) {
        return StoreFailures.retryable(cql.queryForRows(insert.bind(conversation.toString(), seq, viewer, ttlSeconds))
                .next()
                .map(row -> row.getBoolean("[applied]") || row.isNull("sent") || !row.getBoolean("sent"))
                .defaultIfEmpty(false));
    }

    /** The receipt went out: repeats send nothing from now on. */
    Mono<Void> sent(Conversation conversation, long seq, UUID viewer) {
        return StoreFailures.retryable(cql.execute(markSent.bind(ttlSeconds, conversation.toString(), seq, viewer)).then());
    }
}
