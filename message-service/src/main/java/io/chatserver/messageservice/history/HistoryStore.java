package io.chatserver.messageservice.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.ConversationId;
import io.chatserver.messageservice.store.StoreFailures;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.data.cassandra.core.cql.ReactiveCqlOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;

/** Retention mode "history": every message kept per conversation, in buckets of 10,000 seqs. */
@Component
public final class HistoryStore {

    static final long BUCKET_SIZE = 10_000;

    private final ReactiveCqlOperations cql;
    private final PreparedStatement insert;

    HistoryStore(CqlSession session, ReactiveCqlOperations cql) {
        this.cql = cql;
        this.insert = session.prepare("INSERT INTO conversation_history (conversation_id, bucket, seq, message_id,"
                + " frame) VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?");
    }

    public Mono<Void> write(ConversationId conversation, Allocation allocation, ServerFrame frame) {
        return StoreFailures.retryable(cql.execute(insert.bind(conversation.toString(),
                allocation.seq() / BUCKET_SIZE, allocation.seq(), allocation.messageId(),
                ByteBuffer.wrap(frame.toByteArray()), allocation.micros())).then());
    }
}
