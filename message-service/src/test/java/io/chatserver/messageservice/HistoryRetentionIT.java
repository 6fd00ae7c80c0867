package io.chatserver.messageservice;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

import static io.chatserver.messageservice.InternalApi.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Retention mode "history": besides the inboxes, every message is kept per conversation. */
@RequiresLocalStack({LocalStack.CASSANDRA, LocalStack.KAFKA, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "chat.messaging.retention=history")
@ActiveProfiles("test")
class HistoryRetentionIT {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        UserServiceFixture.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CqlSession cassandra;

    @Test
    void aSendAlsoWritesTheConversationHistoryOnceEvenWhenRetried() throws Exception {
        InternalApi api = new InternalApi(port);
        Accounts accounts = new Accounts(UserServiceFixture.shared().baseUri());
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        SendRequest first = text(alice, bob, "keep me");

        MessageSent one = api.sent(first);
        MessageSent two = api.sent(text(bob, alice, "me too"));
        assertThat(api.sent(first).getDuplicate()).isTrue();

        List<Row> rows = cassandra.execute("SELECT seq, message_id, frame FROM conversation_history"
                + " WHERE conversation_id = ? AND bucket = 0", one.getConversationId()).all();
        assertThat(rows).extracting(row -> row.getLong("seq")).as("newest first").containsExactly(2L, 1L);
        Row oldest = rows.get(1);
        assertThat(oldest.getUuid("message_id")).isEqualTo(UUID.fromString(one.getMessageId()));
        ServerFrame stored = ServerFrame.parseFrom(bytes(oldest.getByteBuffer("frame")));
        ServerFrame delivered = api.frames(bob).get(0);
        assertThat(stored).isEqualTo(delivered);
        assertThat(stored.getMessage().getBody().toStringUtf8()).isEqualTo("keep me");
        assertThat(rows.get(0).getUuid("message_id")).isEqualTo(UUID.fromString(two.getMessageId()));

        // History outlives delivery: acknowledging removes the inbox entry, not the history row.
        assertThat(api.acked(bob, List.of(one.getMessageId()))).isEqualTo(1);
        assertThat(cassandra.execute("SELECT seq FROM conversation_history WHERE conversation_id = ? AND bucket = 0",
                one.getConversationId()).all()).hasSize(2);
    }

    @Test
    void aKeptMessageIsMarkedViewedOnlyWhenItIsAnothersWithAnAttachment() {
        InternalApi api = new InternalApi(port);
        Accounts accounts = new Accounts(UserServiceFixture.shared().baseUri());
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        MessageSent sent = api.sent(text(alice, bob, "no attachment"));

        // The attachment case needs asset-service's grants: MediaE2EIT marks a view-once voice note.
        api.viewed(InternalApi.viewed(bob, 1, sent.getConversationId(), 1)).isProblem(404, 2008);
        api.viewed(InternalApi.viewed(alice, 1, sent.getConversationId(), 1)).isProblem(404, 2008);

        assertThat(api.frames(alice)).isEmpty();
        assertThat(cassandra.execute("SELECT seq FROM viewed_marks WHERE conversation_id = ?",
                sent.getConversationId()).all()).isEmpty();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
