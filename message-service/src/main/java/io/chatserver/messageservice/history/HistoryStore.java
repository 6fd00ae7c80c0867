package io.chatserver.messageservice.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.google.protobuf.InvalidProtocolBufferException;
import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.Conversation;
import io.chatserver.messageservice.store.StoreFailures;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.data.cassandra.core.cql.ReactiveCqlOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Retention mode "history": every message kept per conversation, in buckets of 10,000 seqs. */
@Component
public final class HistoryStore {

    static final long BUCKET_SIZE = 10_000;

    private final ReactiveCqlOperations cql;
    private final PreparedStatement insert;
    private final PreparedStatement insertId;
    private final PreparedStatement before;
    private final PreparedStatement seqOfId;
    private final PreparedStatement atSeq;

    HistoryStore(CqlSession session, ReactiveCqlOperations cql) {
        this.cql = cql;
        this.insert = session.prepare("INSERT INTO conversation_history (conversation_id, bucket, seq, message_id,"
                + " frame) VALUES (?, ?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?");
        this.insertId = session.prepare("INSERT INTO history_by_message_id (conversation_id, message_id, seq)"
                + " VALUES (?, ?, ?) USING TTL ? AND TIMESTAMP ?");
        this.before = session.prepare("SELECT frame FROM conversation_history"
                + " WHERE conversation_id = ? AND bucket = ? AND seq < ? AND seq >= ? LIMIT ?");
        this.seqOfId = session.prepare("SELECT seq FROM history_by_message_id WHERE conversation_id = ? AND message_id = ?");
        this.atSeq = session.prepare("SELECT frame FROM conversation_history"
                + " WHERE conversation_id = ? AND bucket = ? AND seq = ?");
    }

    /** The kept message with this id in the conversation; empty when there is none. */
    public Mono<ChatMessage> byId(Conversation conversation, UUID messageId) {
        String id = conversation.toString();
        return StoreFailures.retryable(cql.queryForRows(seqOfId.bind(id, messageId)).next()
                .map(row -> row.getLong("seq"))
                .flatMap(seq -> cql.queryForRows(atSeq.bind(id, seq / BUCKET_SIZE, seq)).next())
                .map(row -> message(row.getByteBuffer("frame"))));
    }

    /** The kept message with this seq; empty when there is none. */
    public Mono<ChatMessage> bySeq(Conversation conversation, long seq) {
        return StoreFailures.retryable(cql.queryForRows(atSeq.bind(conversation.toString(), seq / BUCKET_SIZE, seq)).next()
                .map(row -> message(row.getByteBuffer("frame"))));
    }

    /** At most limit messages with a seq below beforeSeq and not below fromSeq, newest first, across buckets. */
    public Mono<List<ChatMessage>> newestBefore(Conversation conversation, long beforeSeq, long fromSeq, int limit) {
        if (fromSeq >= beforeSeq) {
            return Mono.just(List.of());
        }
        return collect(conversation.toString(), (beforeSeq - 1) / BUCKET_SIZE, beforeSeq, fromSeq, limit,
                new ArrayList<>());
    }

    private Mono<List<ChatMessage>> collect(String conversation, long bucket, long beforeSeq, long fromSeq, int limit,
            List<ChatMessage> found) {
        return StoreFailures.retryable(cql.queryForRows(before.bind(conversation, bucket, beforeSeq, fromSeq,
                        limit - found.size()))
                .map(row -> message(row.getByteBuffer("frame"))).collectList())
                .flatMap(page -> {
                    found.addAll(page);
                    return found.size() < limit && bucket > fromSeq / BUCKET_SIZE
                            ? collect(conversation, bucket - 1, beforeSeq, fromSeq, limit, found)
                            : Mono.just(found);
                });
    }

    private static ChatMessage message(ByteBuffer frame) {
        try {
            return ServerFrame.parseFrom(frame).getMessage();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable history row", e);
        }
    }

    /**
     * Idempotent: a retried send writes the same two rows again. ttlSeconds 0 keeps them for good
     * (retention "history"); group messages in retention "relay" live as long as an inbox entry.
     */
    public Mono<Void> write(Conversation conversation, Allocation allocation, ServerFrame frame, int ttlSeconds) {
        String id = conversation.toString();
        Mono<Boolean> row = cql.execute(insert.bind(id, allocation.seq() / BUCKET_SIZE, allocation.seq(),
                allocation.messageId(), ByteBuffer.wrap(frame.toByteArray()), ttlSeconds, allocation.micros()));
        Mono<Boolean> index = cql.execute(insertId.bind(id, allocation.messageId(), allocation.seq(), ttlSeconds,
                allocation.micros()));
        return StoreFailures.retryable(Mono.when(row, index));
    }
}
