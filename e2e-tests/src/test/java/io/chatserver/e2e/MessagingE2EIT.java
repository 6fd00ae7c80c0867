package io.chatserver.e2e;

import com.google.protobuf.ByteString;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.protocol.v1.Ping;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.ReceiptType;
import io.chatserver.protocol.v1.SendMessage;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-to-one messaging end to end (R1-R3, R12, R14, A3, A4): every service is its own process;
 * clients are real WebSockets on two handlers. Each test uses fresh users.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.CASSANDRA, LocalStack.KAFKA})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingE2EIT {

    private static final int MAX_BODY = 65_536;

    private ChatCluster cluster;
    private Accounts accounts;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeAll
    void startServices() {
        cluster = new ChatCluster(UUID.randomUUID().toString().substring(0, 8));
        accounts = new Accounts(cluster.userService.baseUri());
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ChatClient::close);
        clients.clear();
        cluster.restartHandler1IfDead();
    }

    @AfterAll
    void stopServices() {
        cluster.close();
    }

    @Test
    void aMessageBetweenTwoHandlersIsSentThenDeliveredThenRead() {
        ChatClient alice = online(cluster.handler1, WireFormat.JSON);
        ChatClient bob = online(cluster.handler2, WireFormat.PROTOBUF);

        String clientId = UUID.randomUUID().toString();
        ServerFrame sent = alice.send(bob.userId(), clientId, "hello bob");

        assertThat(sent.getBodyCase()).as(sent.toString()).isEqualTo(ServerFrame.BodyCase.MESSAGE_SENT);
        assertThat(sent.getMessageSent().getSeq()).isEqualTo(1);
        assertThat(sent.getMessageSent().getDuplicate()).isFalse();
        bob.awaitMessages(1);
        ChatMessage received = bob.messages.get(0);
        assertThat(received.getMessageId()).isEqualTo(sent.getMessageSent().getMessageId());
        assertThat(received.getConversationId()).isEqualTo(sent.getMessageSent().getConversationId());
        assertThat(received.getSenderUserId()).isEqualTo(alice.userId());
        assertThat(received.getSenderDeviceId()).isEqualTo(1);
        assertThat(received.getClientMessageId()).isEqualTo(clientId);
        assertThat(received.getBody().toStringUtf8()).isEqualTo("hello bob");

        alice.awaitReceipts(1);
        Receipt delivered = alice.receipts.get(0);
        assertThat(delivered.getType()).isEqualTo(ReceiptType.DELIVERED);
        assertThat(delivered.getSeqsList()).containsExactly(1L);
        assertThat(delivered.getFromUserId()).isEqualTo(bob.userId());

        assertThat(bob.markRead(received.getConversationId(), 1).getBodyCase()).isEqualTo(ServerFrame.BodyCase.OK);
        alice.awaitReceipts(2);
        assertThat(alice.receipts.get(1).getType()).isEqualTo(ReceiptType.READ);
        assertThat(alice.receipts.get(1).getReadUpToSeq()).isEqualTo(1);
    }

    @Test
    void anOfflineRecipientGetsAThousandQueuedMessagesOnceAndInOrderWhileNewOnesArrive() {
        ChatClient carol = online(cluster.handler1, WireFormat.PROTOBUF);
        Accounts.Device dave = accounts.registerNew();

        List<String> first = sendMany(carol, dave.userId(), 1000);
        ChatClient daveOnline = connect(cluster.handler2, accounts.token(dave), WireFormat.JSON);
        List<String> during = sendMany(carol, dave.userId(), 50); // while dave drains his backlog

        daveOnline.awaitMessages(1050);
        daveOnline.awaitSyncComplete();
        daveOnline.drain(Duration.ofSeconds(1));
        List<Long> seqs = daveOnline.messages.stream().map(ChatMessage::getSeq).toList();
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 1050).boxed().toList());
        List<String> bodies = daveOnline.messages.stream().map(m -> m.getBody().toStringUtf8()).toList();
        List<String> expected = new ArrayList<>(first);
        expected.addAll(during);
        assertThat(bodies).containsExactlyElementsOf(expected);

        // Every message was acknowledged, so carol hears about every seq, and dave's inbox is empty.
        carol.await(() -> deliveredSeqs(carol).size() == 1050, "DELIVERED receipts for all 1050 seqs");
        assertThat(deliveredSeqs(carol)).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1050).boxed().toList());
        daveOnline.close();
        ChatClient daveAgain = connect(cluster.handler1, accounts.token(dave), WireFormat.JSON);
        daveAgain.awaitSyncComplete();
        assertThat(daveAgain.syncCompletes.get(0).getSyncComplete().getDelivered()).isZero();
        assertThat(daveAgain.messages).isEmpty();
    }

    @Test
    void aSendRetriedWithTheSameIdIsStoredOnce() {
        ChatClient erin = online(cluster.handler1, WireFormat.JSON);
        ChatClient frank = online(cluster.handler2, WireFormat.JSON);
        String clientId = UUID.randomUUID().toString();

        List<ServerFrame> answers = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            answers.add(erin.send(frank.userId(), clientId, "only once"));
        }
        ServerFrame reused = erin.send(frank.userId(), clientId, "something else");

        assertThat(answers).extracting(a -> a.getMessageSent().getMessageId()).containsOnly(
                answers.get(0).getMessageSent().getMessageId());
        assertThat(answers).extracting(a -> a.getMessageSent().getSeq()).containsOnly(1L);
        assertThat(answers).extracting(a -> a.getMessageSent().getDuplicate()).containsExactly(false, true, true);
        assertError(reused, ErrorCode.MESSAGE_ID_REUSED);
        frank.awaitMessages(1);
        frank.drain(Duration.ofSeconds(1));
        assertThat(frank.messages).hasSize(1);
        assertThat(frank.messages.get(0).getBody().toStringUtf8()).isEqualTo("only once");
    }

    @Test
    void receiptsWaitForASenderThatWentOffline() {
        Accounts.Device gina = accounts.registerNew();
        Accounts.Device hank = accounts.registerNew();
        ChatClient ginaOnline = connect(cluster.handler1, accounts.token(gina), WireFormat.JSON);
        ginaOnline.awaitSyncComplete();
        ServerFrame sent = ginaOnline.send(hank.userId(), UUID.randomUUID().toString(), "are you there?");
        ginaOnline.close();

        ChatClient hankOnline = connect(cluster.handler2, accounts.token(hank), WireFormat.PROTOBUF);
        hankOnline.awaitMessages(1);
        assertThat(hankOnline.markRead(sent.getMessageSent().getConversationId(), 1).hasOk()).isTrue();

        ChatClient ginaBack = connect(cluster.handler2, accounts.token(gina), WireFormat.JSON);
        ginaBack.awaitReceipts(2);
        ginaBack.awaitSyncComplete();
        assertThat(ginaBack.receipts).extracting(Receipt::getType).containsExactly(ReceiptType.DELIVERED, ReceiptType.READ);
        assertThat(ginaBack.receipts.get(0).getSeqsList()).containsExactly(1L);
        assertThat(ginaBack.receipts.get(1).getReadUpToSeq()).isEqualTo(1);
        assertThat(ginaBack.messages).isEmpty(); // her own message is not echoed to the device that sent it
    }

    @Test
    void badFramesGetNumberedErrorsChangeNothingAndKeepTheConnection() {
        ChatClient ivy = online(cluster.handler1, WireFormat.PROTOBUF).manualAck();
        Accounts.Device jack = accounts.registerNew();
        String jackId = jack.userId();

        assertError(ivy.send(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "to nobody"),
                ErrorCode.MESSAGE_RECIPIENT_UNKNOWN);
        assertError(ivy.send(jackId, "not-a-uuid", "bad id"), ErrorCode.VALIDATION_FAILED);
        assertError(ivy.send("not-a-uuid", UUID.randomUUID().toString(), "bad recipient"), ErrorCode.VALIDATION_FAILED);
        assertError(ivy.send(jackId, UUID.randomUUID().toString().toUpperCase(), "upper-case id"), ErrorCode.VALIDATION_FAILED);
        assertError(sendBody(ivy, jackId, "", new byte[1]), ErrorCode.VALIDATION_FAILED);
        assertError(sendBody(ivy, jackId, "text/plain", new byte[MAX_BODY + 1]), ErrorCode.MESSAGE_BODY_TOO_LARGE);
        ServerFrame largest = sendBody(ivy, jackId, "application/octet-stream", new byte[MAX_BODY]);
        assertThat(largest.hasMessageSent()).as(largest.toString()).isTrue();
        assertThat(largest.getMessageSent().getSeq()).isEqualTo(1); // no refused send used up a seq

        assertError(ivy.ack("ack-unknown", List.of(UUID.randomUUID().toString())), ErrorCode.MESSAGE_ACK_UNKNOWN);
        assertError(ivy.ack("ack-empty", List.of()), ErrorCode.VALIDATION_FAILED);
        String conversation = largest.getMessageSent().getConversationId();
        assertError(ivy.markRead(conversation, 2), ErrorCode.VALIDATION_FAILED);
        String strangers = "d:" + new UUID(0, 1) + ":" + new UUID(0, 2);
        assertError(ivy.markRead(strangers, 1), ErrorCode.MESSAGE_CONVERSATION_UNKNOWN);
        assertError(ivy.markRead("garbage", 1), ErrorCode.MESSAGE_CONVERSATION_UNKNOWN);

        ivy.sendRaw(ClientFrame.newBuilder().setRequestId("still-there").setPing(Ping.getDefaultInstance()).build());
        assertThat(ivy.awaitAnswer("still-there").hasPong()).isTrue();
        ChatClient jackOnline = connect(cluster.handler2, accounts.token(jack), WireFormat.PROTOBUF);
        jackOnline.awaitSyncComplete();
        jackOnline.drain(Duration.ofMillis(500));
        assertThat(jackOnline.messages).hasSize(1);
        assertThat(jackOnline.messages.get(0).getBody().size()).isEqualTo(MAX_BODY);
    }

    @Test
    void floodingPastTheSendRateIsRefusedWhileEverythingAcceptedArrives() {
        ChatClient kim = online(cluster.handler2, WireFormat.PROTOBUF); // 10/s, bursts of 20
        ChatClient leo = online(cluster.handler1, WireFormat.PROTOBUF);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            kim.sendNoWait(leo.userId(), id, "flood " + i);
        }
        List<ServerFrame> answers = ids.stream().map(kim::awaitAnswer).toList();

        Set<String> accepted = answers.stream().filter(ServerFrame::hasMessageSent)
                .map(a -> a.getMessageSent().getMessageId()).collect(Collectors.toSet());
        long limited = answers.stream().filter(a -> a.hasError()
                && a.getError().getCode() == ErrorCode.RATE_LIMITED).count();
        assertThat(accepted.size()).isGreaterThanOrEqualTo(ChatCluster.HANDLER2_SEND_BURST);
        assertThat(limited).isPositive();
        assertThat(accepted.size() + limited).isEqualTo(150);
        leo.await(() -> leo.messages.size() >= accepted.size(), accepted.size() + " messages");
        leo.drain(Duration.ofSeconds(1));
        assertThat(leo.messages).extracting(ChatMessage::getMessageId).containsExactlyInAnyOrderElementsOf(accepted);
        System.out.printf("e2e: 150 sends at once, limit 10/s: %d stored, %d refused with 1006%n",
                accepted.size(), limited);
    }

    @Test
    void aHandlerKilledDuringFiveThousandMessagesBetweenTwentyPairsLosesAndDuplicatesNothing() throws Exception {
        int pairs = 20;
        int perPair = 250;
        Duration timeout = Duration.ofSeconds(420); // everything shares 2 cores here: about 40 messages/s
        List<Supplier<URI>> handlers = List.of(() -> ChatCluster.wsUri(cluster.handler1),
                () -> ChatCluster.wsUri(cluster.handler2));
        List<LedgerUser> senders = new ArrayList<>();
        List<LedgerUser> receivers = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            Accounts.Device from = accounts.registerNew();
            Accounts.Device to = accounts.registerNew();
            List<String> ids = IntStream.range(0, perPair).mapToObj(i -> UUID.randomUUID().toString()).toList();
            // Each handler holds half the senders and half the receivers.
            senders.add(LedgerUser.sender(accounts.token(from), handlers, pair % 2, to.userId(), ids, timeout));
            receivers.add(LedgerUser.receiver(accounts.token(to), handlers, (pair + 1) % 2, perPair, timeout));
        }
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (LedgerUser user : concat(senders, receivers)) {
            Thread thread = new Thread(user, "ledger-user");
            thread.start();
            threads.add(thread);
        }
        try {
            int total = pairs * perPair;
            await(() -> senders.stream().mapToInt(s -> s.answers.size()).sum() >= total / 3, "a third of the sends");
            int answeredAtKill = senders.stream().mapToInt(s -> s.answers.size()).sum();
            cluster.handler1.kill(); // SIGKILL: no GoingAway, no registry clean-up
            System.out.printf("e2e ledger: handler 1 killed after %d of %d sends, %.1f s in%n",
                    answeredAtKill, total, (System.nanoTime() - started) / 1e9);
            for (Thread thread : threads) {
                thread.join(timeout.toMillis() + 10_000);
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            for (LedgerUser user : concat(senders, receivers)) {
                if (user.failure != null) {
                    throw new AssertionError("a ledger user failed", user.failure);
                }
            }
            for (int pair = 0; pair < pairs; pair++) {
                LedgerUser sender = senders.get(pair);
                LedgerUser receiver = receivers.get(pair);
                Set<String> storedIds = sender.answers.values().stream().map(MessageSent::getMessageId)
                        .collect(Collectors.toSet());
                assertThat(storedIds).as("one server id per client id").hasSize(perPair);
                assertThat(sender.answers.values().stream().map(MessageSent::getSeq).sorted().toList())
                        .as("seqs without gaps or repeats").containsExactlyElementsOf(
                                LongStream.rangeClosed(1, perPair).boxed().toList());
                assertThat(receiver.received.keySet()).as("everything stored arrived").isEqualTo(storedIds);
                receiver.received.values().forEach(message -> {
                    MessageSent answer = sender.answers.get(message.getClientMessageId());
                    assertThat(answer.getMessageId()).isEqualTo(message.getMessageId());
                    assertThat(message.getSeq()).isEqualTo(answer.getSeq());
                    assertThat(message.getBody().toStringUtf8()).isEqualTo(LedgerUser.body(message.getClientMessageId()));
                });
            }
            System.out.printf("e2e ledger: %d messages in %d pairs, %.1f s (%.0f msg/s); handler 1 killed after %d;"
                            + " %d retried sends answered as duplicates, %d refusals retried, %d redeliveries"
                            + " deduplicated, %d reconnects, %d arrivals out of seq order%n",
                    total, pairs, seconds, total / seconds, answeredAtKill,
                    senders.stream().mapToInt(s -> s.duplicateAnswers).sum(),
                    senders.stream().mapToInt(s -> s.refusals).sum(),
                    receivers.stream().mapToInt(r -> r.redeliveries).sum(),
                    concat(senders, receivers).stream().mapToInt(u -> u.reconnects).sum(),
                    receivers.stream().mapToInt(MessagingE2EIT::outOfOrder).sum());
        } finally {
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }
    }

    private static int outOfOrder(LedgerUser receiver) {
        int count = 0;
        long highest = 0;
        for (String id : receiver.arrivalOrder) {
            long seq = receiver.received.get(id).getSeq();
            if (seq < highest) {
                count++;
            }
            highest = Math.max(highest, seq);
        }
        return count;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 240 s");
            }
            Thread.sleep(20);
        }
    }

    private ChatClient online(io.chatserver.testsupport.ServiceProcess handler, WireFormat format) {
        Accounts.Device device = accounts.registerNew();
        ChatClient client = connect(handler, accounts.token(device), format);
        client.awaitSyncComplete();
        return client;
    }

    private ChatClient connect(io.chatserver.testsupport.ServiceProcess handler, String token, WireFormat format) {
        ChatClient client = ChatClient.connect(handler, token, format);
        clients.add(client);
        return client;
    }

    /** Pipelines the sends (no waiting in between), then checks every one was stored. */
    private static List<String> sendMany(ChatClient sender, String recipient, int count) {
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            bodies.add("message " + id);
            sender.sendNoWait(recipient, id, "message " + id);
        }
        for (String id : ids) {
            ServerFrame answer = sender.awaitAnswer(id);
            assertThat(answer.hasMessageSent()).as(answer.toString()).isTrue();
        }
        return bodies;
    }

    private static ServerFrame sendBody(ChatClient sender, String recipient, String contentType, byte[] body) {
        String id = UUID.randomUUID().toString();
        sender.sendRaw(ClientFrame.newBuilder().setRequestId(id).setSendMessage(SendMessage.newBuilder()
                .setClientMessageId(id).setRecipientUserId(recipient).setContentType(contentType)
                .setBody(ByteString.copyFrom(body))).build());
        return sender.awaitAnswer(id);
    }

    private static Set<Long> deliveredSeqs(ChatClient sender) {
        Set<Long> seqs = new HashSet<>();
        sender.receipts.stream().filter(r -> r.getType() == ReceiptType.DELIVERED).forEach(r -> seqs.addAll(r.getSeqsList()));
        return seqs;
    }

    private static void assertError(ServerFrame answer, ErrorCode code) {
        assertThat(answer.hasError()).as("expected error %s, got %s", code, answer).isTrue();
        assertThat(answer.getError().getCode()).isEqualTo(code);
    }
}
