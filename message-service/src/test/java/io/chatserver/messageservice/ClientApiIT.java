package io.chatserver.messageservice;

import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.protocol.internal.v1.ReadRequest;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ConversationState;
import io.chatserver.protocol.v1.HistoryPage;
import io.chatserver.protocol.v1.InboxAckResult;
import io.chatserver.protocol.v1.InboxEntries;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.protocol.v1.ReceiptType;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.chatserver.messageservice.InternalApi.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public REST API (A3) with real access tokens from a real user-service, in retention mode
 * "history": the device's inbox (read, one by id, acknowledge), the paged history and the
 * conversation's read state. Each bad request gets its numbered problem and changes nothing.
 */
@RequiresLocalStack({LocalStack.CASSANDRA, LocalStack.KAFKA, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "chat.messaging.retention=history")
@ActiveProfiles("test")
class ClientApiIT {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        UserServiceFixture.register(registry);
    }

    @LocalServerPort
    int port;

    private InternalApi internal;
    private ClientApi client;
    private Accounts accounts;
    private Accounts.Device alice;
    private Accounts.Device bob;
    private String bobToken;

    @BeforeEach
    void users() {
        internal = new InternalApi(port);
        client = new ClientApi(port);
        accounts = new Accounts(UserServiceFixture.shared().baseUri());
        alice = accounts.registerNew();
        bob = accounts.registerNew();
        bobToken = accounts.token(bob);
    }

    @Test
    void aDeviceReadsItsInboxOverRestFetchesOneEntryAndAcknowledgesLikeOnTheWebSocket() {
        MessageSent first = internal.sent(text(alice, bob, "one"));
        MessageSent second = internal.sent(text(alice, bob, "two"));

        InboxEntries page = client.get("/v1/inbox?limit=1", bobToken).into(InboxEntries.newBuilder()).build();
        assertThat(page.getEntriesList()).extracting(e -> e.getMessage().getMessageId()).containsExactly(first.getMessageId());
        assertThat(page.getMore()).isTrue();
        InboxEntries rest = client.get("/v1/inbox?after=" + first.getMessageId(), bobToken)
                .into(InboxEntries.newBuilder()).build();
        assertThat(rest.getEntriesList()).extracting(e -> e.getMessage().getBody().toStringUtf8()).containsExactly("two");
        assertThat(rest.getMore()).isFalse();
        ServerFrame one = client.get("/v1/inbox/" + second.getMessageId(), bobToken).into(ServerFrame.newBuilder()).build();
        assertThat(one.getMessage().getSeq()).isEqualTo(2);

        String ack = "{\"ids\":[\"" + first.getMessageId() + "\",\"" + second.getMessageId() + "\"]}";
        assertThat(client.post("/v1/inbox/acks", ack, bobToken).into(InboxAckResult.newBuilder()).getRemoved()).isEqualTo(2);
        assertThat(client.post("/v1/inbox/acks", ack, bobToken).into(InboxAckResult.newBuilder()).getRemoved())
                .as("a repeated ack removes nothing more").isZero();
        assertThat(client.get("/v1/inbox", bobToken).into(InboxEntries.newBuilder()).getEntriesCount()).isZero();
        client.get("/v1/inbox/" + second.getMessageId(), bobToken).isProblem(404, 2008);
        // The sender hears about it as with a WebSocket ack: one DELIVERED receipt for both seqs.
        List<ServerFrame> aliceInbox = internal.frames(alice);
        assertThat(aliceInbox).singleElement().satisfies(frame -> {
            assertThat(frame.getReceipt().getType()).isEqualTo(ReceiptType.DELIVERED);
            assertThat(frame.getReceipt().getSeqsList()).containsExactly(1L, 2L);
        });
    }

    @Test
    void aDeviceSeesOnlyItsOwnInboxAndBadInboxRequestsChangeNothing() {
        MessageSent sent = internal.sent(text(alice, bob, "for bob only"));
        String aliceToken = accounts.token(alice);

        client.get("/v1/inbox/" + sent.getMessageId(), aliceToken).isProblem(404, 2008);
        assertThat(client.post("/v1/inbox/acks", "{\"ids\":[\"" + sent.getMessageId() + "\"]}", aliceToken)
                .into(InboxAckResult.newBuilder()).getRemoved()).as("not in alice's inbox").isZero();
        client.get("/v1/inbox", null).isProblem(401, 1201);
        client.get("/v1/inbox", "not-a-token").isProblem(401, 1202);
        client.get("/v1/inbox?limit=0", bobToken).isProblem(400, 1002);
        client.get("/v1/inbox?limit=101", bobToken).isProblem(400, 1002);
        client.get("/v1/inbox?after=yesterday", bobToken).isProblem(400, 1002);
        client.get("/v1/inbox/" + UUID.randomUUID(), bobToken).isProblem(400, 1002); // random: not time-based
        client.post("/v1/inbox/acks", "{\"ids\": [", bobToken).isProblem(400, 1001);
        client.post("/v1/inbox/acks", "{\"idz\":[]}", bobToken).isProblem(400, 1001);
        client.post("/v1/inbox/acks", "{\"ids\":[]}", bobToken).isProblem(400, 1002);
        client.post("/v1/inbox/acks", "{\"ids\":[\"not-an-id\"]}", bobToken).isProblem(400, 1002);
        String tooMany = String.join(",", IntStream.range(0, 501).mapToObj(i -> "\"" + sent.getMessageId() + "\"").toList());
        client.post("/v1/inbox/acks", "{\"ids\":[" + tooMany + "]}", bobToken).isProblem(400, 1002);

        assertThat(client.get("/v1/inbox", bobToken).into(InboxEntries.newBuilder()).getEntriesList())
                .extracting(e -> e.getMessage().getMessageId()).containsExactly(sent.getMessageId());
    }

    @Test
    void theHistoryIsPagedNewestFirstForParticipantsOnly() {
        for (int i = 1; i <= 25; i++) {
            internal.sent(i % 2 == 0 ? text(bob, alice, "b" + i) : text(alice, bob, "a" + i));
        }
        String conversation = internal.frames(bob).get(0).getMessage().getConversationId();
        String path = "/v1/conversations/" + conversation + "/messages";

        HistoryPage newest = client.get(path + "?limit=10", bobToken).into(HistoryPage.newBuilder()).build();
        assertThat(seqs(newest)).containsExactlyElementsOf(LongStream.iterate(25, s -> s - 1).limit(10).boxed().toList());
        assertThat(newest.getNextBeforeSeq()).isEqualTo(16);
        HistoryPage middle = client.get(path + "?limit=10&beforeSeq=16", bobToken).into(HistoryPage.newBuilder()).build();
        assertThat(seqs(middle)).containsExactly(15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L);
        HistoryPage oldest = client.get(path + "?limit=10&beforeSeq=6", accounts.token(alice)).into(HistoryPage.newBuilder()).build();
        assertThat(seqs(oldest)).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(oldest.getNextBeforeSeq()).as("reached the first message").isZero();
        assertThat(oldest.getMessages(4).getBody().toStringUtf8()).isEqualTo("a1");

        String stranger = accounts.token(accounts.registerNew());
        client.get(path, stranger).isProblem(404, 2006);
        client.get("/v1/conversations/garbage/messages", bobToken).isProblem(404, 2006);
        client.get(path + "?beforeSeq=0", bobToken).isProblem(400, 1002);
        client.get(path + "?limit=0", bobToken).isProblem(400, 1002);
    }

    @Test
    void aKeptMessageIsFoundByIdByItsParticipantsAfterDelivery() {
        MessageSent sent = internal.sent(text(alice, bob, "find me later"));
        internal.sent(text(bob, alice, "another"));
        assertThat(internal.acked(bob, List.of(sent.getMessageId()))).as("delivered and gone from the inbox").isEqualTo(1);
        String path = "/v1/conversations/" + sent.getConversationId() + "/messages/";

        for (String token : List.of(bobToken, accounts.token(alice))) {
            ChatMessage found = client.get(path + sent.getMessageId(), token).into(ChatMessage.newBuilder()).build();
            assertThat(found.getMessageId()).isEqualTo(sent.getMessageId());
            assertThat(found.getSeq()).isEqualTo(sent.getSeq());
            assertThat(found.getBody().toStringUtf8()).isEqualTo("find me later");
        }

        client.get(path + sent.getMessageId(), accounts.token(accounts.registerNew())).isProblem(404, 2006);
        client.get(path + TimeUuids.fromMicros(1_000_000L).toString(), bobToken).isProblem(404, 2008);
        client.get(path + "not-an-id", bobToken).isProblem(400, 1002);
        client.get(path + UUID.randomUUID(), bobToken).isProblem(400, 1002); // a v4 UUID is never a message id
        // The right id under another conversation of the same user is not found there.
        Accounts.Device carol = accounts.registerNew();
        String other = internal.sent(text(carol, bob, "hi")).getConversationId();
        client.get("/v1/conversations/" + other + "/messages/" + sent.getMessageId(), bobToken).isProblem(404, 2008);
    }

    @Test
    void theConversationStateGivesBothReadWatermarksToEachSide() {
        MessageSent last = null;
        for (int i = 0; i < 4; i++) {
            last = internal.sent(text(alice, bob, "m" + i));
        }
        assertThat(internal.read(ReadRequest.newBuilder().setReaderUserId(bob.userId()).setReaderDeviceId(1)
                .setConversationId(last.getConversationId()).setUpToSeq(3).build()).status()).isEqualTo(204);
        String path = "/v1/conversations/" + last.getConversationId();

        ConversationState forAlice = client.get(path, accounts.token(alice)).into(ConversationState.newBuilder()).build();
        assertThat(forAlice.getPeerUserId()).isEqualTo(bob.userId());
        assertThat(forAlice.getLastSeq()).isEqualTo(4);
        assertThat(forAlice.getReadUpToSeq()).isZero();
        assertThat(forAlice.getPeerReadUpToSeq()).as("alice's seqs 1-3 show as read").isEqualTo(3);
        ConversationState forBob = client.get(path, bobToken).into(ConversationState.newBuilder()).build();
        assertThat(forBob.getReadUpToSeq()).isEqualTo(3);
        assertThat(forBob.getPeerReadUpToSeq()).isZero();
        client.get(path, accounts.token(accounts.registerNew())).isProblem(404, 2006);
    }

    private static List<Long> seqs(HistoryPage page) {
        return page.getMessagesList().stream().map(ChatMessage::getSeq).toList();
    }
}
