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
    private final int ttlSeconds;

    ViewedMarks(CqlSession session, ReactiveCqlOperations cql, MessagingProperties properties) {
        this.cql = cql;
        this.insert = session.prepare("INSERT INTO viewed_marks (conversation_id, seq, viewer_id) VALUES (?, ?, ?)"
                + " IF NOT EXISTS USING TTL ?");
        this.ttlSeconds = properties.retention() == MessagingProperties.Retention.HISTORY ? 0 : properties.inboxTtlSeconds();
    }

    /**
     * True the first time this viewer marks this message. A lightweight transaction, so two devices of
     * one viewer marking at once still send one receipt; rare enough (a tap on a view-once photo) to
     * afford the Paxos round.
     */
    Mono<Boolean> markFirst(Conversation conversation, long seq, UUID viewer) {
        return StoreFailures.retryable(cql.queryForRows(insert.bind(conversation.toString(), seq, viewer, ttlSeconds))
                .next().map(row -> row.getBoolean("[applied]")).defaultIfEmpty(false));
    }
}
