package io.chatserver.messageservice;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.chatserver.messageservice.contacts.MessagedContacts;
import io.chatserver.messageservice.inbox.DeviceAddress;
import io.chatserver.messageservice.inbox.InboxEntry;
import io.chatserver.messageservice.inbox.InboxStore;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.platform.inbox.InboxMarks;
import io.chatserver.protocol.internal.v1.AckRequest;
import io.chatserver.protocol.internal.v1.AckResult;
import io.chatserver.protocol.internal.v1.AckedEntry;
import io.chatserver.protocol.internal.v1.ContactMessaged;
import io.chatserver.protocol.internal.v1.InboxPage;
import io.chatserver.protocol.internal.v1.ReadRequest;
import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.protocol.internal.v1.ViewedRequest;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.ReceiptType;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.chatserver.messageservice.InternalApi.entryId;
import static io.chatserver.messageservice.InternalApi.message;
import static io.chatserver.messageservice.InternalApi.request;
import static io.chatserver.messageservice.InternalApi.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-to-one messaging through the internal API against the real Cassandra and a real
 * user-service process (which answers "which devices does this user have"). Every test registers
 * its own users, so the tests do not depend on each other or on earlier runs.
 */
@RequiresLocalStack({LocalStack.CASSANDRA, LocalStack.KAFKA, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MessagingIT {

    private static final int MAX_BODY = 65_536;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        UserServiceFixture.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CqlSession cassandra;
    @Autowired
    MeterRegistry meters;
    @Autowired
    InboxStore inboxStore;
    @Autowired
    ReactiveStringRedisTemplate redis;

    private InternalApi api;
    private Accounts accounts;

    @BeforeEach
    void clients() {
        api = new InternalApi(port);
        accounts = new Accounts(UserServiceFixture.shared().baseUri());
    }

    // --- send ---

    @Test
    void aSenderAnnouncesTheRecipientAsTheirContactOnceOnChatContactEvents() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        api.sent(InternalApi.text(alice, bob, "one"));
        api.sent(InternalApi.text(alice, bob, "two"));
        api.sent(InternalApi.text(alice, alice, "a note to self"));

        List<ContactMessaged> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:19092",
                ConsumerConfig.GROUP_ID_CONFIG, "messaging-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(MessagedContacts.TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        ContactMessaged event = ContactMessaged.parseFrom(record.value());
                        if (event.getOwnerUserId().equals(alice.userId())) {
                            events.add(event);
                            quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                        }
                    } catch (InvalidProtocolBufferException other) {
                        // another test's record
                    }
                }
            }
        }
        assertThat(events).as("one for the pair, none for the note to self")
                .extracting(ContactMessaged::getContactUserId).containsExactly(bob.userId());
    }

    @Test
    void aSentMessageLandsInEveryRecipientInboxButNotInTheSendingDevicesOwn() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        double pushesBefore = pushes();
        SendRequest request = request(alice.userId(), alice.deviceId(), message(bob.userId(), "hello bob")
                .setContentType("text/plain; charset=utf-8")
                .setReplyToId("9e8d7c6b-5a49-11f0-8abc-0123456789ab"));
        long before = System.currentTimeMillis();

        MessageSent sent = api.sent(request);

        UUID messageId = UUID.fromString(sent.getMessageId());
        assertThat(sent.getSeq()).isEqualTo(1);
        assertThat(sent.getDuplicate()).isFalse();
        assertThat(sent.getClientMessageId()).isEqualTo(request.getMessage().getClientMessageId());
        assertThat(messageId.version()).isEqualTo(1);
        assertThat(messageId.toString()).isEqualTo(sent.getMessageId());
        assertThat(sent.getConversationId()).isEqualTo(conversation(alice, bob));
        assertThat(sent.getSentAtMs()).isBetween(before - 1_000, System.currentTimeMillis() + 1_000)
                .isEqualTo(TimeUuids.micros(messageId) / 1000);

        InboxPage page = api.page(bob);
        assertThat(page.getMore()).isFalse();
        assertThat(page.getFramesList()).containsExactly(ServerFrame.newBuilder().setMessage(ChatMessage.newBuilder()
                .setMessageId(sent.getMessageId())
                .setConversationId(sent.getConversationId())
                .setSeq(1)
                .setSenderUserId(alice.userId())
                .setSenderDeviceId(alice.deviceId())
                .setRecipientUserId(bob.userId())
                .setClientMessageId(request.getMessage().getClientMessageId())
                .setContentType("text/plain; charset=utf-8")
                .setBody(ByteString.copyFromUtf8("hello bob"))
                .setReplyToId("9e8d7c6b-5a49-11f0-8abc-0123456789ab")
                .setSentAtMs(sent.getSentAtMs())).build());
        assertThat(api.frames(alice)).as("the sending device gets no copy").isEmpty();
        // Nothing listens where ws-manager should be: the wake-up fails, is counted, and the send succeeded anyway.
        awaitPushesAbove(pushesBefore);
    }

    @Test
    void aSendMarksTheInboxesItWritesSoHandlersKnowWhichToSweep() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        String bobsMark = InboxMarks.key(UUID.fromString(bob.userId()), bob.deviceId());
        String alicesMark = InboxMarks.key(UUID.fromString(alice.userId()), alice.deviceId());
        assertThat(redis.opsForValue().get(bobsMark).block()).as("nothing written to bob yet").isNull();

        MessageSent sent = api.sent(request(alice.userId(), alice.deviceId(), message(bob.userId(), "marked")));

        // Sent before the write, not waited for: it lands within moments of the answer at the latest.
        String mark = null;
        for (long deadline = System.nanoTime() + 5_000_000_000L; mark == null && System.nanoTime() < deadline; ) {
            mark = redis.opsForValue().get(bobsMark).block();
        }
        assertThat(mark).as("the time the write began").isEqualTo(Long.toString(sent.getSentAtMs()));
        assertThat(redis.getExpire(bobsMark).block()).isPositive();
        assertThat(redis.opsForValue().get(alicesMark).block()).as("the sending device's inbox got nothing").isNull();
    }

    @Test
    void theSendersOtherDevicesGetACopy() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();

        // From device 2 (a linked device, as far as message-service is concerned): device 1 is "another device".
        MessageSent sent = api.sent(request(alice.userId(), 2, message(bob.userId(), "from my laptop")));

        List<ServerFrame> copy = api.frames(alice);
        assertThat(copy).hasSize(1);
        assertThat(copy.get(0).getMessage().getMessageId()).isEqualTo(sent.getMessageId());
        assertThat(copy.get(0).getMessage().getSenderDeviceId()).isEqualTo(2);
        assertThat(copy.get(0).getMessage().getRecipientUserId()).isEqualTo(bob.userId());
        assertThat(api.frames(bob)).singleElement()
                .satisfies(frame -> assertThat(frame.getMessage()).isEqualTo(copy.get(0).getMessage()));
    }

    @Test
    void aNoteToSelfReachesTheUsersOtherDevicesOnly() {
        Accounts.Device alice = accounts.registerNew();

        MessageSent fromPhone = api.sent(text(alice, alice, "note from the phone"));
        MessageSent fromLaptop = api.sent(request(alice.userId(), 2, message(alice.userId(), "note from the laptop")));

        assertThat(fromPhone.getConversationId()).isEqualTo("d:" + alice.userId() + ":" + alice.userId());
        assertThat(fromPhone.getSeq()).isEqualTo(1);
        assertThat(fromLaptop.getSeq()).isEqualTo(2);
        assertThat(api.frames(alice)).extracting(frame -> frame.getMessage().getMessageId())
                .containsExactly(fromLaptop.getMessageId());
    }

    @Test
    void seqsAreContiguousAndIdsFollowThemForInterleavedAndConcurrentSends() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        List<MessageSent> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(api.sent(i % 2 == 0 ? text(alice, bob, "a" + i) : text(bob, alice, "b" + i)));
            assertThat(all.get(i).getSeq()).isEqualTo(i + 1);
        }
        List<SendRequest> concurrent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            concurrent.add(text(alice, bob, "concurrent a" + i));
            concurrent.add(text(bob, alice, "concurrent b" + i));
        }

        List<InternalApi.Reply> replies = Flux.fromIterable(concurrent).flatMap(api::sendAsync, concurrent.size())
                .collectList().block(Duration.ofMinutes(2));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(new String(reply.body())).isEqualTo(200));
        replies.forEach(reply -> all.add(reply.decode(MessageSent::parseFrom)));
        assertThat(all).extracting(MessageSent::getSeq).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 110).boxed().toList());
        assertThat(all).extracting(MessageSent::getMessageId).doesNotHaveDuplicates();
        assertThat(all).extracting(MessageSent::getConversationId).containsOnly(conversation(alice, bob));
        List<Long> microsInSeqOrder = all.stream().sorted(Comparator.comparingLong(MessageSent::getSeq))
                .map(sent -> TimeUuids.micros(UUID.fromString(sent.getMessageId()))).toList();
        assertThat(microsInSeqOrder).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();

        // Each inbox lists the other side's messages in seq order (entries are ordered by id).
        assertThat(api.frames(bob)).extracting(frame -> frame.getMessage().getSeq())
                .hasSize(55).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(api.frames(alice)).extracting(frame -> frame.getMessage().getSenderUserId())
                .hasSize(55).containsOnly(bob.userId());
    }

    @Test
    void aRetriedSendIsStoredOnceAndAnsweredWithTheSameIdAndSeq() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        SendRequest request = text(alice, bob, "once only");

        MessageSent first = api.sent(request);
        MessageSent second = api.sent(request);
        MessageSent third = api.sent(request);

        assertThat(first.getDuplicate()).isFalse();
        assertThat(List.of(second, third)).allSatisfy(retry -> {
            assertThat(retry.getDuplicate()).isTrue();
            assertThat(retry.getMessageId()).isEqualTo(first.getMessageId());
            assertThat(retry.getSeq()).isEqualTo(first.getSeq());
            assertThat(retry.getSentAtMs()).isEqualTo(first.getSentAtMs());
            assertThat(retry.getConversationId()).isEqualTo(first.getConversationId());
        });
        assertThat(api.frames(bob)).extracting(frame -> frame.getMessage().getMessageId())
                .containsExactly(first.getMessageId());

        SendRequest sameIdOtherBody = request.toBuilder().setMessage(request.getMessage().toBuilder()
                .setBody(ByteString.copyFromUtf8("something else"))).build();
        api.send(sameIdOtherBody).isProblem(409, 2003);

        assertThat(api.frames(bob)).extracting(frame -> frame.getMessage().getMessageId())
                .containsExactly(first.getMessageId());
        assertThat(api.sent(text(alice, bob, "next")).getSeq()).as("no seq taken by the refused send").isEqualTo(2);
    }

    @Test
    void theSameClientIdFromAnotherDeviceIsAnotherMessage() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        SendRequest fromPhone = text(alice, bob, "same id");

        MessageSent first = api.sent(fromPhone);
        MessageSent second = api.sent(fromPhone.toBuilder().setSenderDeviceId(2).build());

        assertThat(second.getDuplicate()).isFalse();
        assertThat(second.getSeq()).isEqualTo(2);
        assertThat(second.getMessageId()).isNotEqualTo(first.getMessageId());
    }

    @Test
    void anUnknownRecipientIsRefusedWithoutTakingASeq() {
        Accounts.Device alice = accounts.registerNew();
        String nobody = UUID.randomUUID().toString();
        SendRequest request = request(alice.userId(), 1, message(nobody, "anyone there?"));

        api.send(request).isProblem(404, 2001);

        String conversation = "d:" + min(alice.userId(), nobody) + ":" + max(alice.userId(), nobody);
        assertThat(cassandra.execute("SELECT * FROM conversation_sends WHERE conversation_id = ?", conversation)
                .all()).as("no counter, no claim").isEmpty();
        assertThat(api.frames(alice)).isEmpty();
        assertThat(api.inbox(nobody, 1, null, null).decode(InboxPage::parseFrom).getFramesCount()).isZero();
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndOneAtTheLimitAccepted() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();

        api.send(request(alice.userId(), 1, message(bob.userId(), "")
                .setBody(ByteString.copyFrom(new byte[MAX_BODY + 1])))).isProblem(413, 2002);

        assertThat(api.frames(bob)).isEmpty();
        assertThat(lastSeq(conversation(alice, bob))).isNull();

        MessageSent atLimit = api.sent(request(alice.userId(), 1, message(bob.userId(), "")
                .setBody(ByteString.copyFrom(new byte[MAX_BODY]))));
        assertThat(atLimit.getSeq()).isEqualTo(1);
        assertThat(api.frames(bob)).singleElement()
                .satisfies(frame -> assertThat(frame.getMessage().getBody().size()).isEqualTo(MAX_BODY));
    }

    @Test
    void malformedIdsAreRefusedAndNothingIsStored() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        SendRequest valid = text(alice, bob, "hi");
        List<SendRequest> malformed = List.of(
                valid.toBuilder().setMessage(valid.getMessage().toBuilder().setClientMessageId("not-a-uuid")).build(),
                valid.toBuilder().setMessage(valid.getMessage().toBuilder()
                        .setClientMessageId(valid.getMessage().getClientMessageId().toUpperCase())).build(),
                valid.toBuilder().setMessage(valid.getMessage().toBuilder()
                        .setRecipientUserId(bob.userId().toUpperCase())).build(),
                valid.toBuilder().setMessage(valid.getMessage().toBuilder().setReplyToId("42")).build(),
                valid.toBuilder().setMessage(valid.getMessage().toBuilder().setContentType("plain text")).build(),
                valid.toBuilder().setSenderUserId("alice").build(),
                valid.toBuilder().setSenderDeviceId(0).build(),
                valid.toBuilder().clearMessage().build());

        for (SendRequest request : malformed) {
            api.send(request).isProblem(400, 1002);
        }

        assertThat(api.frames(bob)).isEmpty();
        assertThat(lastSeq(conversation(alice, bob))).isNull();
        assertThat(api.sent(valid).getSeq()).isEqualTo(1);
    }

    @Test
    void bodiesThatAreNotProtobufAreRefusedAsMalformed() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};

        api.post("/internal/v1/messages", garbage).isProblem(400, 1001);
        api.post("/internal/v1/reads", garbage).isProblem(400, 1001);
        api.post("/internal/v1/inboxes/" + UUID.randomUUID() + "/1/acks", garbage).isProblem(400, 1001);
    }

    @Test
    void emptyBodiesAreMessagesWithEveryFieldAtItsDefaultAndFailValidation() {
        Accounts.Device bob = accounts.registerNew();

        api.post("/internal/v1/messages", new byte[0]).isProblem(400, 1002);
        api.post("/internal/v1/reads", new byte[0]).isProblem(400, 1002);
        api.post("/internal/v1/inboxes/" + bob.userId() + "/1/acks", new byte[0]).isProblem(400, 1002);
    }

    // --- inbox pages ---

    @Test
    void anInboxIsReadInPagesOldestFirst() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        List<SendRequest> requests = IntStream.rangeClosed(1, 250).mapToObj(i -> text(alice, bob, "m" + i)).toList();
        Flux.fromIterable(requests).flatMap(api::sendAsync, 8)
                .doOnNext(reply -> assertThat(reply.status()).as(new String(reply.body())).isEqualTo(200))
                .blockLast(Duration.ofMinutes(2));

        InboxPage first = api.page(bob.userId(), 1, null, null);
        InboxPage second = api.page(bob.userId(), 1, entryId(first.getFrames(99)), 100);
        InboxPage third = api.page(bob.userId(), 1, entryId(second.getFrames(99)), 100);
        InboxPage past = api.page(bob.userId(), 1, entryId(third.getFrames(49)), 100);

        assertThat(first.getFramesCount()).isEqualTo(100);
        assertThat(first.getMore()).isTrue();
        assertThat(second.getFramesCount()).isEqualTo(100);
        assertThat(second.getMore()).isTrue();
        assertThat(third.getFramesCount()).isEqualTo(50);
        assertThat(third.getMore()).isFalse();
        assertThat(past.getFramesCount()).isZero();
        assertThat(past.getMore()).isFalse();
        List<Long> seqs = new ArrayList<>();
        for (InboxPage page : List.of(first, second, third)) {
            page.getFramesList().forEach(frame -> seqs.add(frame.getMessage().getSeq()));
        }
        assertThat(seqs).isEqualTo(LongStream.rangeClosed(1, 250).boxed().toList());

        InboxPage small = api.page(bob.userId(), 1, entryId(first.getFrames(9)), 5);
        assertThat(small.getFramesList()).extracting(frame -> frame.getMessage().getSeq())
                .containsExactly(11L, 12L, 13L, 14L, 15L);
        assertThat(small.getMore()).isTrue();
    }

    @Test
    void badPageRequestsAreRefused() {
        Accounts.Device bob = accounts.registerNew();

        api.inbox(bob.userId(), 1, null, 0).isProblem(400, 1002);
        api.inbox(bob.userId(), 1, null, -1).isProblem(400, 1002);
        api.inbox(bob.userId(), 1, null, 101).isProblem(400, 1002);
        api.inbox(bob.userId(), 1, "junk", null).isProblem(400, 1002);
        api.inbox(bob.userId(), 1, UUID.randomUUID().toString(), null).isProblem(400, 1002);
        assertThat(api.page(bob.userId(), 1, null, 100).getFramesCount()).isZero();
    }

    // --- acknowledgements ---

    @Test
    void acknowledgedEntriesLeaveTheInboxAndTheSenderGetsADeliveredReceipt() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        MessageSent m1 = api.sent(text(alice, bob, "one"));
        MessageSent m2 = api.sent(text(alice, bob, "two"));
        MessageSent m3 = api.sent(text(alice, bob, "three"));
        long before = System.currentTimeMillis();

        assertThat(api.acked(bob, List.of(m1.getMessageId(), m2.getMessageId()))).isEqualTo(2);

        assertThat(api.frames(bob)).extracting(frame -> frame.getMessage().getMessageId())
                .containsExactly(m3.getMessageId());
        assertThat(api.acked(bob, List.of(m1.getMessageId(), m2.getMessageId()))).as("idempotent").isZero();
        List<ServerFrame> aliceInbox = api.frames(alice);
        assertThat(aliceInbox).as("one receipt, the repeated ack issued none").hasSize(1);
        Receipt receipt = aliceInbox.get(0).getReceipt();
        assertThat(receipt.getType()).isEqualTo(ReceiptType.DELIVERED);
        assertThat(receipt.getConversationId()).isEqualTo(conversation(alice, bob));
        assertThat(receipt.getFromUserId()).isEqualTo(bob.userId());
        assertThat(receipt.getFromDeviceId()).isEqualTo(1);
        assertThat(receipt.getSeqsList()).containsExactly(1L, 2L);
        assertThat(receipt.getReadUpToSeq()).isZero();
        assertThat(UUID.fromString(receipt.getReceiptId()).version()).isEqualTo(1);
        assertThat(receipt.getAtMs()).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);

        assertThat(api.acked(alice, List.of(receipt.getReceiptId()))).isEqualTo(1);

        assertThat(api.frames(alice)).isEmpty();
        assertThat(api.frames(bob)).as("acking a receipt sends nothing back").hasSize(1);
    }

    @Test
    void anAckThatDescribesItsEntriesRemovesThemAndSendsTheSameReceipt() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        api.sent(text(alice, bob, "one"));
        api.sent(text(alice, bob, "two"));
        List<ServerFrame> delivered = api.frames(bob);

        assertThat(api.ackDescribed(bob.userId(), 1, delivered).decode(AckResult::parseFrom).getRemoved()).isEqualTo(2);

        assertThat(api.frames(bob)).isEmpty();
        Receipt receipt = api.frames(alice).get(0).getReceipt();
        assertThat(api.frames(alice)).hasSize(1);
        assertThat(receipt.getType()).isEqualTo(ReceiptType.DELIVERED);
        assertThat(receipt.getFromUserId()).isEqualTo(bob.userId());
        assertThat(receipt.getSeqsList()).containsExactly(1L, 2L);

        assertThat(api.ackDescribed(alice.userId(), 1, api.frames(alice)).decode(AckResult::parseFrom).getRemoved())
                .isEqualTo(1);
        assertThat(api.frames(alice)).isEmpty();
        assertThat(api.frames(bob)).as("a described receipt sends nothing back").isEmpty();
    }

    @Test
    void describedEntriesThatCannotBeThisInboxsMessagesAreReadBackInstead() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        Accounts.Device carol = accounts.registerNew();
        MessageSent m1 = api.sent(text(alice, bob, "one"));
        MessageSent m2 = api.sent(text(alice, bob, "two"));

        // A bad sender id, and a conversation bob is not in: neither is believed, both rows are read.
        AckRequest request = AckRequest.newBuilder().addIds(m1.getMessageId()).addIds(m2.getMessageId())
                .addEntries(AckedEntry.newBuilder().setId(m1.getMessageId()).setConversationId(m1.getConversationId())
                        .setSenderUserId("junk").setSeq(1))
                .addEntries(AckedEntry.newBuilder().setId(m2.getMessageId())
                        .setConversationId(conversation(alice, carol)).setSenderUserId(alice.userId()).setSeq(2))
                .build();

        assertThat(api.ack(bob.userId(), 1, request).decode(AckResult::parseFrom).getRemoved()).isEqualTo(2);
        assertThat(api.frames(bob)).isEmpty();
        assertThat(api.frames(alice)).singleElement().satisfies(frame -> {
            assertThat(frame.getReceipt().getConversationId()).isEqualTo(conversation(alice, bob));
            assertThat(frame.getReceipt().getSeqsList()).containsExactly(1L, 2L);
        });
        assertThat(api.frames(carol)).isEmpty();
    }

    @Test
    void anAckMixingKnownAndUnknownIdsCountsOnlyTheKnown() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        MessageSent m1 = api.sent(text(alice, bob, "one"));

        String unknown = TimeUuids.fromMicros(System.currentTimeMillis() * 1000).toString();
        assertThat(api.acked(bob, List.of(m1.getMessageId(), m1.getMessageId(), unknown))).isEqualTo(1);

        assertThat(api.frames(bob)).isEmpty();
        assertThat(api.frames(alice)).singleElement()
                .satisfies(frame -> assertThat(frame.getReceipt().getSeqsList()).containsExactly(1L));
    }

    @Test
    void acksWithIdsThatAreNotEntryIdsAreRefused() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        MessageSent m1 = api.sent(text(alice, bob, "one"));

        api.ack(bob.userId(), 1, List.of("junk")).isProblem(400, 1002);
        api.ack(bob.userId(), 1, List.of(m1.getMessageId(), "junk")).isProblem(400, 1002);
        api.ack(bob.userId(), 1, List.of(UUID.randomUUID().toString())).isProblem(400, 1002);
        api.ack(bob.userId(), 1, List.of()).isProblem(400, 1002);

        assertThat(api.frames(bob)).hasSize(1);
        assertThat(api.frames(alice)).isEmpty();
    }

    @Test
    void aSendRetriedAfterTheRecipientAcknowledgedItDoesNotComeBack() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        SendRequest request = text(alice, bob, "ack me once");
        MessageSent sent = api.sent(request);
        assertThat(api.acked(bob, List.of(sent.getMessageId()))).isEqualTo(1);

        MessageSent retried = api.sent(request);

        assertThat(retried.getDuplicate()).isTrue();
        assertThat(retried.getMessageId()).isEqualTo(sent.getMessageId());
        // The rewrite carries the message's own (older) timestamp: the ack's delete shadows it.
        assertThat(api.frames(bob)).as("the acknowledged entry stays gone").isEmpty();
        assertThat(cassandra.execute("SELECT entry_id FROM device_inbox WHERE user_id = ? AND device_id = 1",
                UUID.fromString(bob.userId())).all()).isEmpty();
        assertThat(api.frames(alice)).as("still only the first DELIVERED receipt").singleElement()
                .satisfies(frame -> assertThat(frame.getReceipt().getType()).isEqualTo(ReceiptType.DELIVERED));
    }

    @Test
    void anAckAlsoShadowsEntriesWrittenByAnInstanceWhoseClockRunsAhead() {
        Accounts.Device bob = accounts.registerNew();
        long aMinuteAhead = (System.currentTimeMillis() + 60_000) * 1000;
        UUID id = TimeUuids.fromMicros(aMinuteAhead);
        DeviceAddress inbox = new DeviceAddress(UUID.fromString(bob.userId()), 1);
        ServerFrame frame = ServerFrame.newBuilder().setReceipt(Receipt.newBuilder().setReceiptId(id.toString())
                .setType(ReceiptType.READ).setConversationId("d:" + bob.userId() + ":" + bob.userId())
                .setReadUpToSeq(1)).build();
        InboxEntry entry = new InboxEntry(id, InboxEntry.Kind.RECEIPT, frame.getReceipt().getConversationId(), null, 0,
                frame);
        inboxStore.write(List.of(inbox), entry, aMinuteAhead).block(Duration.ofSeconds(10));
        assertThat(api.frames(bob)).containsExactly(frame);

        assertThat(api.acked(bob, List.of(id.toString()))).isEqualTo(1);
        inboxStore.write(List.of(inbox), entry, aMinuteAhead).block(Duration.ofSeconds(10));

        assertThat(api.frames(bob)).as("written again by that instance, still acknowledged").isEmpty();
    }

    // --- read markers ---

    @Test
    void markingReadSendsAReadReceiptOnlyWhenTheWatermarkRises() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        for (int i = 1; i <= 4; i++) {
            api.sent(text(alice, bob, "m" + i));
        }
        String conversation = conversation(alice, bob);

        assertThat(api.read(read(bob, 1, conversation, 3)).status()).isEqualTo(204);

        List<ServerFrame> receipts = api.frames(alice);
        assertThat(receipts).hasSize(1);
        Receipt read = receipts.get(0).getReceipt();
        assertThat(read.getType()).isEqualTo(ReceiptType.READ);
        assertThat(read.getConversationId()).isEqualTo(conversation);
        assertThat(read.getFromUserId()).isEqualTo(bob.userId());
        assertThat(read.getFromDeviceId()).isEqualTo(1);
        assertThat(read.getReadUpToSeq()).isEqualTo(3);
        assertThat(read.getSeqsList()).isEmpty();
        assertThat(api.frames(bob)).as("the reading device gets no receipt of its own").hasSize(4);

        assertThat(api.read(read(bob, 1, conversation, 2)).status()).isEqualTo(204);
        assertThat(api.read(read(bob, 1, conversation, 3)).status()).isEqualTo(204);
        assertThat(api.frames(alice)).as("no receipt for a lower or equal mark").hasSize(1);
        assertThat(readMarker(conversation, bob)).isEqualTo(3);

        // From bob's second device: alice and bob's other device (1) both hear of it.
        assertThat(api.read(read(bob, 2, conversation, 4)).status()).isEqualTo(204);
        assertThat(api.frames(alice)).hasSize(2).last()
                .satisfies(frame -> assertThat(frame.getReceipt().getReadUpToSeq()).isEqualTo(4));
        assertThat(api.frames(bob)).hasSize(5).last().satisfies(frame -> {
            assertThat(frame.getReceipt().getType()).isEqualTo(ReceiptType.READ);
            assertThat(frame.getReceipt().getFromDeviceId()).isEqualTo(2);
            assertThat(frame.getReceipt().getReadUpToSeq()).isEqualTo(4);
        });
        assertThat(readMarker(conversation, bob)).isEqualTo(4);
    }

    @Test
    void badReadMarksAreRefusedAndChangeNothing() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        Accounts.Device carol = accounts.registerNew();
        Accounts.Device dave = accounts.registerNew();
        api.sent(text(alice, bob, "m1"));
        api.sent(text(alice, bob, "m2"));
        api.sent(text(carol, dave, "elsewhere"));
        String conversation = conversation(alice, bob);

        api.read(read(bob, 1, conversation, 3)).isProblem(400, 1002);
        api.read(read(bob, 1, conversation, 0)).isProblem(400, 1002);
        api.read(read(bob, 1, conversation(carol, dave), 1)).isProblem(404, 2006);
        api.read(read(bob, 1, "d:" + bob.userId() + ":junk", 1)).isProblem(404, 2006);
        api.read(read(bob, 1, "d:" + max(alice.userId(), bob.userId()) + ":" + min(alice.userId(), bob.userId()), 1))
                .isProblem(404, 2006);
        api.read(ReadRequest.newBuilder().setReaderUserId("bob").setReaderDeviceId(1)
                .setConversationId(conversation).setUpToSeq(1).build()).isProblem(400, 1002);
        api.read(ReadRequest.newBuilder().setReaderUserId(bob.userId()).setReaderDeviceId(0)
                .setConversationId(conversation).setUpToSeq(1).build()).isProblem(400, 1002);
        api.read(read(bob, 1, conversation(bob, carol), 1)).isProblem(400, 1002); // no message there yet

        assertThat(api.frames(alice)).isEmpty();
        assertThat(api.frames(carol)).isEmpty();
        assertThat(api.frames(dave)).hasSize(1);
        assertThat(readMarker(conversation, bob)).isNull();
    }

    // --- opened (view once, voice notes) ---

    @Test
    void markingViewedSendsOneViewedReceiptPerMessageAndViewer() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        api.sent(text(alice, bob, "m1"));
        api.sent(text(alice, bob, "m2"));
        String conversation = conversation(alice, bob);

        assertThat(api.viewed(InternalApi.viewed(bob, 1, conversation, 2)).status()).isEqualTo(204);

        List<ServerFrame> receipts = api.frames(alice);
        assertThat(receipts).hasSize(1);
        Receipt viewed = receipts.get(0).getReceipt();
        assertThat(viewed.getType()).isEqualTo(ReceiptType.VIEWED);
        assertThat(viewed.getConversationId()).isEqualTo(conversation);
        assertThat(viewed.getFromUserId()).isEqualTo(bob.userId());
        assertThat(viewed.getFromDeviceId()).isEqualTo(1);
        assertThat(viewed.getSeqsList()).containsExactly(2L);
        assertThat(api.frames(bob)).as("the viewing device gets no receipt of its own").hasSize(2);

        // Again, from the same device and from bob's second one: accepted, nothing sent.
        assertThat(api.viewed(InternalApi.viewed(bob, 1, conversation, 2)).status()).isEqualTo(204);
        assertThat(api.viewed(InternalApi.viewed(bob, 2, conversation, 2)).status()).isEqualTo(204);
        assertThat(api.frames(alice)).hasSize(1);
        assertThat(api.frames(bob)).hasSize(2);

        // Another message, from bob's second device: alice and bob's first device hear of it.
        assertThat(api.viewed(InternalApi.viewed(bob, 2, conversation, 1)).status()).isEqualTo(204);
        assertThat(api.frames(alice)).hasSize(2).last()
                .satisfies(frame -> assertThat(frame.getReceipt().getSeqsList()).containsExactly(1L));
        assertThat(api.frames(bob)).hasSize(3).last().satisfies(frame -> {
            assertThat(frame.getReceipt().getType()).isEqualTo(ReceiptType.VIEWED);
            assertThat(frame.getReceipt().getFromDeviceId()).isEqualTo(2);
        });
        assertThat(cassandra.execute("SELECT seq, viewer_id FROM viewed_marks WHERE conversation_id = ?",
                conversation).all()).extracting(row -> row.getLong("seq")).containsExactly(1L, 2L);
    }

    @Test
    void badViewedMarksAreRefusedAndChangeNothing() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        Accounts.Device carol = accounts.registerNew();
        api.sent(text(alice, bob, "m1"));
        String conversation = conversation(alice, bob);

        api.viewed(InternalApi.viewed(bob, 1, conversation, 2)).isProblem(400, 1002);
        api.viewed(InternalApi.viewed(bob, 1, conversation, 0)).isProblem(400, 1002);
        api.viewed(InternalApi.viewed(carol, 1, conversation, 1)).isProblem(404, 2006);
        api.viewed(InternalApi.viewed(bob, 1, "d:" + bob.userId() + ":junk", 1)).isProblem(404, 2006);
        api.viewed(InternalApi.viewed(bob, 0, conversation, 1)).isProblem(400, 1002);
        api.viewed(ViewedRequest.newBuilder().setViewerUserId("BOB")
                .setViewerDeviceId(1).setConversationId(conversation).setSeq(1).build()).isProblem(400, 1002);
        api.viewed(ViewedRequest.getDefaultInstance()).isProblem(400, 1002);

        assertThat(api.frames(alice)).isEmpty();
        assertThat(cassandra.execute("SELECT seq FROM viewed_marks WHERE conversation_id = ?", conversation).all())
                .isEmpty();
    }

    @Test
    void relayModeKeepsNoHistory() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();

        MessageSent sent = api.sent(text(alice, bob, "ephemeral"));

        assertThat(cassandra.execute("SELECT seq FROM conversation_history WHERE conversation_id = ? AND bucket = 0",
                sent.getConversationId()).all()).isEmpty();
        new ClientApi(port).get("/v1/conversations/" + sent.getConversationId() + "/messages", accounts.token(bob))
                .isProblem(409, 2007);
    }

    private static ReadRequest read(Accounts.Device reader, int device, String conversation, long upToSeq) {
        return ReadRequest.newBuilder().setReaderUserId(reader.userId()).setReaderDeviceId(device)
                .setConversationId(conversation).setUpToSeq(upToSeq).build();
    }

    private Long readMarker(String conversation, Accounts.Device user) {
        Row row = cassandra.execute("SELECT read_up_to_seq FROM read_markers WHERE conversation_id = ? AND user_id = ?",
                conversation, UUID.fromString(user.userId())).one();
        return row == null ? null : row.getLong("read_up_to_seq");
    }

    private Long lastSeq(String conversation) {
        Row row = cassandra.execute("SELECT last_seq FROM conversation_sends WHERE conversation_id = ? LIMIT 1",
                conversation).one();
        return row == null || row.isNull("last_seq") ? null : row.getLong("last_seq");
    }

    static String conversation(Accounts.Device a, Accounts.Device b) {
        return "d:" + min(a.userId(), b.userId()) + ":" + max(a.userId(), b.userId());
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a.compareTo(b) <= 0 ? b : a;
    }

    private double pushes() {
        return meters.find("chat.push").counters().stream()
                .filter(counter -> !"skipped".equals(counter.getId().getTag("outcome")))
                .mapToDouble(Counter::count).sum();
    }

    private void awaitPushesAbove(double before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pushes() <= before) {
            assertThat(System.nanoTime()).as("a push attempt was counted (sent or failed)").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
