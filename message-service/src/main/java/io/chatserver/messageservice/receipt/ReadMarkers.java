package io.chatserver.messageservice.receipt;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.chatserver.messageservice.conversation.ConversationId;
import io.chatserver.messageservice.store.StoreFailures;
import org.springframework.data.cassandra.core.cql.ReactiveCqlOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** How far each participant has read (the read_markers table). */
@Component
final class ReadMarkers {

    private final ReactiveCqlOperations cql;
    private final PreparedStatement read;
    private final PreparedStatement write;

    ReadMarkers(CqlSession session, ReactiveCqlOperations cql) {
        this.cql = cql;
        this.read = session.prepare("SELECT read_up_to_seq FROM read_markers WHERE conversation_id = ? AND user_id = ?");
        this.write = session.prepare("UPDATE read_markers SET read_up_to_seq = ? WHERE conversation_id = ? AND user_id = ?");
    }

    Mono<Long> readUpTo(ConversationId conversation, UUID user) {
        return StoreFailures.retryable(cql.queryForRows(read.bind(conversation.toString(), user)).next()
                .map(row -> row.getLong("read_up_to_seq")).defaultIfEmpty(0L));
    }

    Mono<Void> raise(ConversationId conversation, UUID user, long upToSeq) {
        return StoreFailures.retryable(cql.execute(write.bind(upToSeq, conversation.toString(), user)).then());
    }
}
