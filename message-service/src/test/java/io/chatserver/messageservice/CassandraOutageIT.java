package io.chatserver.messageservice;

import com.datastax.oss.driver.api.core.CqlSession;
import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static io.chatserver.messageservice.InternalApi.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cassandra unavailable (issue 3's failure cases): this message-service reaches Cassandra only
 * through a relay the test cuts. A send then is the retryable 2004 and leaves nothing a retry with
 * the same id cannot finish; once Cassandra is back, every retry succeeds, each message is stored
 * once, and the seqs have no gap.
 */
@RequiresLocalStack({LocalStack.CASSANDRA, LocalStack.KAFKA, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cassandra.request.timeout=1s",
        "spring.cassandra.connection.init-query-timeout=1s"})
@ActiveProfiles("test")
class CassandraOutageIT {

    private static final TcpProxy CASSANDRA = new TcpProxy(LocalStack.CASSANDRA.port());
    private static final Duration BACK_WITHIN = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        UserServiceFixture.register(registry);
        registry.add("spring.cassandra.contact-points", () -> "127.0.0.1:" + CASSANDRA.port());
    }

    @LocalServerPort
    int port;

    private InternalApi api;
    private Accounts.Device alice;
    private Accounts.Device bob;

    @BeforeEach
    void users() {
        CASSANDRA.restore();
        api = new InternalApi(port);
        Accounts accounts = new Accounts(UserServiceFixture.shared().baseUri());
        alice = accounts.registerNew();
        bob = accounts.registerNew();
    }

    @AfterAll
    static void closeRelay() {
        CASSANDRA.close();
    }

    @Test
    void aSendWhileCassandraIsDownIs2004AndItsRetryAfterwardsIsStoredOnce() throws InterruptedException {
        MessageSent first = api.sent(text(alice, bob, "before"));

        CASSANDRA.cut();
        SendRequest during = text(alice, bob, "while the store is down");
        api.send(during).isProblem(503, 2004);
        api.send(during).isProblem(503, 2004);
        assertThat(storedDirectly(first.getConversationId())).as("nothing written while down").isEqualTo(1);

        CASSANDRA.restore();
        MessageSent retried = sentOnceBack(during);
        assertThat(retried.getSeq()).isEqualTo(2);
        assertThat(retried.getDuplicate()).as("nothing of the refused attempts was stored").isFalse();
        MessageSent again = api.sent(during);
        assertThat(again.getDuplicate()).isTrue();
        assertThat(again.getMessageId()).isEqualTo(retried.getMessageId());
        assertThat(api.frames(bob)).extracting(frame -> frame.getMessage().getBody().toStringUtf8())
                .containsExactly("before", "while the store is down");
    }

    @Test
    void sendsCutOffMidWayAreFinishedByTheirRetriesWithoutGapsOrCopies() throws InterruptedException {
        int count = 40;
        Map<String, SendRequest> requests = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            SendRequest request = text(alice, bob, "burst " + i);
            requests.put(request.getMessage().getClientMessageId(), request);
        }
        // All at once, and the store goes away as soon as the first is stored: the others are then
        // refused, or cut anywhere on their way (between the seq claim and the inbox rows too).
        AtomicBoolean cut = new AtomicBoolean();
        Map<String, Integer> firstStatus = new ConcurrentHashMap<>();
        Flux.fromIterable(requests.values())
                .flatMap(request -> api.sendAsync(request)
                        .doOnNext(reply -> firstStatus.put(request.getMessage().getClientMessageId(), reply.status())), count)
                .doOnNext(reply -> {
                    if (reply.status() == 200 && !cut.getAndSet(true)) {
                        CASSANDRA.cut();
                    }
                })
                .blockLast(Duration.ofSeconds(60));
        assertThat(firstStatus).hasSize(count);
        assertThat(firstStatus.values()).allSatisfy(status -> assertThat(status).isIn(200, 503));

        CASSANDRA.restore();
        List<MessageSent> stored = new ArrayList<>();
        int finishedByRetry = 0;
        for (SendRequest request : requests.values()) {
            MessageSent sent = sentOnceBack(request); // an app retries each unanswered one with the same id
            stored.add(sent);
            if (sent.getDuplicate() && firstStatus.get(request.getMessage().getClientMessageId()) == 503) {
                finishedByRetry++; // claimed before the cut, refused, completed by the retry
            }
        }
        System.out.printf("cassandra outage: of %d sends %d stored before the cut, %d refused with 2004"
                        + " (%d of them claimed before the cut and finished by their retry)%n", count,
                firstStatus.values().stream().filter(status -> status == 200).count(),
                firstStatus.values().stream().filter(status -> status == 503).count(), finishedByRetry);

        assertThat(stored).extracting(MessageSent::getSeq).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
        List<ChatMessage> inbox = api.frames(bob).stream().map(ServerFrame::getMessage).toList();
        assertThat(inbox).extracting(ChatMessage::getClientMessageId)
                .as("one inbox row per message, none lost").containsExactlyInAnyOrderElementsOf(requests.keySet());
        assertThat(inbox).extracting(ChatMessage::getSeq).as("in seq order")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
    }

    /** Retries with the same id until Cassandra answers through the relay again. */
    private MessageSent sentOnceBack(SendRequest request) throws InterruptedException {
        long deadline = System.nanoTime() + BACK_WITHIN.toNanos();
        while (true) {
            InternalApi.Reply reply = api.send(request);
            if (reply.status() == 200) {
                return reply.decode(MessageSent::parseFrom);
            }
            reply.isProblem(503, 2004);
            assertThat(System.nanoTime()).as("Cassandra back within " + BACK_WITHIN).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Messages of the conversation, counted on a session of our own that bypasses the relay. */
    private static long storedDirectly(String conversationId) {
        try (CqlSession direct = CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", LocalStack.CASSANDRA.port()))
                .withLocalDatacenter("datacenter1").withKeyspace("chat_messages").build()) {
            return direct.execute("SELECT client_key FROM conversation_sends WHERE conversation_id = ?", conversationId)
                    .all().size();
        }
    }
}
