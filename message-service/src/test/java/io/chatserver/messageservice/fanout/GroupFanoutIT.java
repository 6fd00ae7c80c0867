package io.chatserver.messageservice.fanout;

import com.google.protobuf.ByteString;
import io.chatserver.messageservice.UserServiceFixture;
import io.chatserver.messageservice.inbox.DeviceAddress;
import io.chatserver.messageservice.inbox.InboxEntry;
import io.chatserver.messageservice.inbox.InboxStore;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.protocol.internal.v1.GroupChangeEvent;
import io.chatserver.protocol.internal.v1.GroupFanout;
import io.chatserver.protocol.v1.GroupChange;
import io.chatserver.protocol.v1.GroupChangeKind;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group message processor against the real Kafka, Cassandra and user-service: records put on
 * the topic (as GroupSender puts them) end up in the inbox of every member device but the sending
 * one, once, also when Kafka delivers a record again; an unreadable record is skipped and counted;
 * the lag gauge counts what is not fanned out yet; a group change becomes one system message at each
 * recipient. Its own topics and consumer groups per run.
 */
@RequiresLocalStack({LocalStack.CASSANDRA, LocalStack.KAFKA, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GroupFanoutIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "chat.group-messages.it-" + RUN;
    private static final String CHANGES_TOPIC = "chat.group-changes.it-" + RUN;
    private static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + LocalStack.KAFKA.port(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());

    static {
        // group-service creates the change topic; here the test stands in for it.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + LocalStack.KAFKA.port()))) {
            admin.createTopics(List.of(new NewTopic(CHANGES_TOPIC, 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + CHANGES_TOPIC, e);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        UserServiceFixture.register(registry);
        registry.add("chat.fanout.topic", () -> TOPIC);
        registry.add("chat.fanout.consumer-group", () -> "fanout-it-" + RUN);
        registry.add("chat.fanout.partitions", () -> 3);
        registry.add("chat.fanout.changes-topic", () -> CHANGES_TOPIC);
        registry.add("chat.fanout.changes-consumer-group", () -> "changes-it-" + RUN);
    }

    @Autowired
    InboxStore inboxes;
    @Autowired
    MeterRegistry meters;
    @Autowired
    FanoutLag lag;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private Accounts accounts;

    @BeforeEach
    void clients() {
        accounts = new Accounts(UserServiceFixture.shared().baseUri());
    }

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    @Test
    void aGroupMessageReachesEveryMembersDevicesButNotTheDeviceThatSentIt() throws Exception {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        Accounts.Device carol = accounts.registerNew();
        Accounts.Device outsider = accounts.registerNew();
        UUID group = UUID.randomUUID();
        double deliveriesBefore = meters.counter(GroupFanoutDelivery.DELIVERIES).count();

        GroupFanout record = record(group, 1, alice, List.of(alice, bob, carol), "hello group");
        publish(group, record.toByteArray());

        awaitTrue(() -> !entries(bob).isEmpty() && !entries(carol).isEmpty());
        InboxEntry atBob = entries(bob).get(0);
        assertThat(atBob.frame()).isEqualTo(record.getFrame());
        assertThat(atBob.conversationId()).isEqualTo("g:" + group);
        assertThat(atBob.sender()).isEqualTo(address(alice));
        assertThat(atBob.seq()).isEqualTo(1);
        assertThat(entries(carol)).extracting(InboxEntry::frame).containsExactly(record.getFrame());
        assertThat(entries(alice)).as("the sending device").isEmpty();
        assertThat(entries(outsider)).as("not a member").isEmpty();
        assertThat(meters.counter(GroupFanoutDelivery.DELIVERIES).count() - deliveriesBefore).isEqualTo(2);
    }

    @Test
    void aRecordKafkaDeliversAgainWritesNothingNewAndAnAcknowledgedEntryStaysGone() throws Exception {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        UUID group = UUID.randomUUID();
        GroupFanout first = record(group, 1, alice, List.of(alice, bob), "once");
        publish(group, first.toByteArray());
        awaitTrue(() -> entries(bob).size() == 1);
        inboxes.delete(address(bob), List.of(entries(bob).get(0).id())).block();

        publish(group, first.toByteArray());
        GroupFanout second = record(group, 2, alice, List.of(alice, bob), "twice");
        publish(group, second.toByteArray());

        // Same key, same partition: once the second has arrived, the repeat of the first was handled.
        awaitTrue(() -> !entries(bob).isEmpty());
        assertThat(entries(bob)).extracting(InboxEntry::seq).containsExactly(2L);
    }

    @Test
    void anUnreadableRecordIsSkippedAndCountedAndTheGroupsNextMessageStillArrives() throws Exception {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        UUID group = UUID.randomUUID();
        double unreadableBefore = meters.counter("chat.fanout.unreadable").count();

        publish(group, new byte[] {(byte) 0xff, 0x01, 0x02});
        publish(group, record(group, 1, alice, List.of(alice, bob), "after the garbage").toByteArray());

        awaitTrue(() -> entries(bob).size() == 1);
        assertThat(meters.counter("chat.fanout.unreadable").count() - unreadableBefore).isEqualTo(1);
    }

    @Test
    void theLagCountsRecordsNotFannedOutYetAndFallsToZeroOnceTheyAre() throws Exception {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        UUID group = UUID.randomUUID();
        awaitTrue(() -> {
            lag.check();
            return lag.lag() == 0;
        });
        var container = listeners.getListenerContainer("group-fanout");
        container.stop();
        try {
            for (int seq = 1; seq <= 5; seq++) {
                publish(group, record(group, seq, alice, List.of(alice, bob), "queued " + seq).toByteArray());
            }
            lag.check();
            assertThat(lag.lag()).isEqualTo(5);
            assertThat(meters.get("chat.queue.fanout.lag").gauge().value()).isEqualTo(5);
        } finally {
            container.start();
        }
        awaitTrue(() -> entries(bob).size() == 5);
        awaitTrue(() -> {
            lag.check();
            return lag.lag() == 0;
        });
        assertThat(entries(bob)).extracting(InboxEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aGroupsRecordsPutOnKafkaOutOfSeqOrderAreFannedOutInSeqOrderWithinABatchAndCountedWhenLate()
            throws Exception {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        UUID group = UUID.randomUUID();
        double lateBefore = meters.counter(GroupFanoutDelivery.LATE).count();
        var container = listeners.getListenerContainer("group-fanout");
        container.stop();
        try {
            // Two instances (or a retry) can hand Kafka a group's seqs the wrong way round.
            for (long seq : new long[] {4, 2, 3}) {
                publish(group, record(group, seq, alice, List.of(alice, bob), "seq " + seq).toByteArray());
            }
        } finally {
            container.start();
        }
        awaitTrue(() -> entries(bob).size() == 3);
        assertThat(meters.counter(GroupFanoutDelivery.LATE).count() - lateBefore)
                .as("one batch: sorted by seq before the fan-out, nothing late").isZero();

        // A record after its group's higher seqs, in a later batch: delivered all the same, and counted.
        publish(group, record(group, 1, alice, List.of(alice, bob), "seq 1, late").toByteArray());
        awaitTrue(() -> entries(bob).size() == 4);
        assertThat(meters.counter(GroupFanoutDelivery.LATE).count() - lateBefore).isEqualTo(1);
        assertThat(entries(bob)).extracting(InboxEntry::seq).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    }

    @Test
    void aGroupChangeBecomesOneSystemMessageAtEachRecipientEvenWhenRelayedTwice() throws Exception {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();
        Accounts.Device carol = accounts.registerNew();
        UUID group = UUID.randomUUID();
        GroupChangeEvent created = change(group, 1, GroupChangeKind.CREATED, alice, List.of(), List.of(alice, bob, carol));
        GroupChangeEvent removed = change(group, 2, GroupChangeKind.REMOVED, alice, List.of(carol),
                List.of(alice, bob, carol));
        GroupChangeEvent after = change(group, 3, GroupChangeKind.INFO_CHANGED, bob, List.of(), List.of(alice, bob));

        for (GroupChangeEvent event : List.of(created, created, removed, removed, after)) {
            PRODUCER.send(new ProducerRecord<>(CHANGES_TOPIC, group.toString(), event.toByteArray())).get();
        }

        awaitTrue(() -> entries(bob).size() >= 3 && entries(alice).size() >= 3 && entries(carol).size() >= 2);
        Thread.sleep(500);
        for (Accounts.Device member : List.of(alice, bob)) {
            List<ChatMessage> messages = entries(member).stream().map(entry -> entry.frame().getMessage()).toList();
            assertThat(messages).extracting(ChatMessage::getSeq).as("at %s", member.userId()).containsExactly(1L, 2L, 3L);
            assertThat(messages).extracting(message -> message.getGroupChange().getKind())
                    .containsExactly(GroupChangeKind.CREATED, GroupChangeKind.REMOVED, GroupChangeKind.INFO_CHANGED);
            assertThat(messages).allSatisfy(message -> {
                assertThat(message.getGroupId()).isEqualTo(group.toString());
                assertThat(message.getConversationId()).isEqualTo("g:" + group);
                assertThat(message.getBody().isEmpty()).isTrue();
            });
        }
        List<ChatMessage> atCarol = entries(carol).stream().map(entry -> entry.frame().getMessage()).toList();
        assertThat(atCarol).extracting(message -> message.getGroupChange().getVersion())
                .as("the change that removed her, then nothing").containsExactly(1L, 2L);
        assertThat(atCarol.get(1).getGroupChange().getSubjectUserIdsList()).containsExactly(carol.userId());
        assertThat(atCarol.get(1).getSenderUserId()).isEqualTo(alice.userId());
    }

    private static GroupChangeEvent change(UUID group, long version, GroupChangeKind kind, Accounts.Device actor,
            List<Accounts.Device> subjects, List<Accounts.Device> recipients) {
        return GroupChangeEvent.newBuilder()
                .setGroupId(group.toString())
                .setChange(GroupChange.newBuilder().setVersion(version).setKind(kind).setActorUserId(actor.userId())
                        .addAllSubjectUserIds(subjects.stream().map(Accounts.Device::userId).toList()))
                .setChangedAtMs(System.currentTimeMillis())
                .addAllRecipientUserIds(recipients.stream().map(Accounts.Device::userId).toList())
                .build();
    }

    private static GroupFanout record(UUID group, long seq, Accounts.Device sender, List<Accounts.Device> members,
            String text) {
        long micros = System.currentTimeMillis() * 1000 + seq;
        ChatMessage message = ChatMessage.newBuilder()
                .setMessageId(TimeUuids.fromMicros(micros).toString())
                .setConversationId("g:" + group)
                .setGroupId(group.toString())
                .setSeq(seq)
                .setSenderUserId(sender.userId())
                .setSenderDeviceId(sender.deviceId())
                .setClientMessageId(UUID.randomUUID().toString())
                .setContentType("text/plain")
                .setBody(ByteString.copyFromUtf8(text))
                .setSentAtMs(micros / 1000)
                .build();
        return GroupFanout.newBuilder()
                .setFrame(ServerFrame.newBuilder().setMessage(message))
                .addAllMemberUserIds(members.stream().map(Accounts.Device::userId).toList())
                .setGroupVersion(1)
                .setWriteMicros(micros)
                .build();
    }

    private static void publish(UUID group, byte[] value) throws Exception {
        PRODUCER.send(new ProducerRecord<>(TOPIC, group.toString(), value)).get();
    }

    private List<InboxEntry> entries(Accounts.Device device) {
        return inboxes.page(address(device), null, 100).block().entries();
    }

    private static DeviceAddress address(Accounts.Device device) {
        return new DeviceAddress(UUID.fromString(device.userId()), device.deviceId());
    }

    /** Polls for up to 30 s: the consumer joins its group and gets partitions a few seconds after start. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
