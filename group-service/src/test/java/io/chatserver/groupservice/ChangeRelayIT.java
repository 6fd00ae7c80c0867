package io.chatserver.groupservice;

import io.chatserver.groupservice.relay.ChangeRelay;
import io.chatserver.protocol.internal.v1.GroupChangeEvent;
import io.chatserver.protocol.v1.GroupChangeKind;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.chatserver.groupservice.GroupApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change log as an outbox: every change reaches Kafka (topic chat.group-changes) after its
 * commit, in version order per group, addressed to the members and to whoever it removed; a relay
 * cut short (a crash between commit and publish) is finished by the sweep.
 */
class ChangeRelayIT extends GroupsIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChangeRelay relay;

    @Test
    void everyChangeIsOnKafkaInVersionOrderAddressedToTheMembersAndToWhomItRemoved() throws Exception {
        List<Accounts.Seeded> users = users(3);
        String admin = users.get(0).accessToken();
        String groupId = api.create(admin, "Relayed", List.of(users.get(1).userId()));
        body(api.post(admin, Map.of("userIds", List.of(users.get(2).userId())), "/v1/groups/{id}/members", groupId), 200);
        body(api.delete(admin, "/v1/groups/{id}/members/{u}", groupId, users.get(1).userId()), 200);

        List<GroupChangeEvent> events = awaitEvents(groupId, 4);
        assertThat(events).extracting(event -> event.getChange().getVersion()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(event -> event.getChange().getKind())
                .containsExactly(GroupChangeKind.CREATED, GroupChangeKind.ADDED, GroupChangeKind.ADDED,
                        GroupChangeKind.REMOVED);
        GroupChangeEvent removal = events.get(3);
        assertThat(removal.getChange().getActorUserId()).isEqualTo(users.get(0).userId());
        assertThat(removal.getChange().getSubjectUserIdsList()).containsExactly(users.get(1).userId());
        assertThat(removal.getRecipientUserIdsList()).as("the members, and the one removed")
                .containsExactlyInAnyOrder(users.get(0).userId(), users.get(2).userId(), users.get(1).userId());
        assertThat(removal.getChangedAtMs()).isPositive();
        awaitRelayed(groupId, 4);
    }

    @Test
    void aRelayCutShortAfterTheCommitIsFinishedByTheSweep() throws Exception {
        List<Accounts.Seeded> users = users(2);
        String groupId = api.create(users.get(0).accessToken(), "Swept", List.of(users.get(1).userId()));
        awaitEvents(groupId, 2);
        awaitRelayed(groupId, 2);
        // What a crash between the commit and the publish a minute ago leaves: the change logged, the relay behind.
        jdbc.sql("UPDATE chat_groups SET relayed_version = 1, relay_pending = TRUE, updated_at = updated_at - 60000"
                + " WHERE id = ?").param(groupId).update();

        relay.sweep().block(Duration.ofSeconds(30));

        // The scheduled sweep may relay it at the same moment: at least once, so version 2 once or twice more.
        List<Long> versions = versions(awaitEvents(groupId, 3));
        assertThat(versions.subList(0, 2)).containsExactly(1L, 2L);
        assertThat(versions.subList(2, versions.size())).as("version 2 again, at least once").containsOnly(2L);
        awaitRelayed(groupId, 2);
    }

    @Test
    void aChangeRelayedLateIsToldToTheMembersOfItsOwnTimeNotToThoseAddedSince() throws Exception {
        List<Accounts.Seeded> users = users(3);
        String admin = users.get(0).accessToken();
        String groupId = api.create(admin, "Late relay", List.of(users.get(1).userId()));
        body(api.post(admin, Map.of("userIds", List.of(users.get(2).userId())), "/v1/groups/{id}/members", groupId), 200);
        awaitRelayed(groupId, 3);
        // What a broker away for a while leaves: every change still to relay, the third member in by now.
        jdbc.sql("UPDATE chat_groups SET relayed_version = 0, relay_pending = TRUE, updated_at = updated_at - 60000"
                + " WHERE id = ?").param(groupId).update();

        relay.sweep().block(Duration.ofSeconds(30));

        // At least once (the scheduled sweep may relay it too): the first of each version, as message-service keeps.
        List<GroupChangeEvent> late = firstOfEachVersion(afterTheFirstThree(
                awaitEvents(groupId, events -> firstOfEachVersion(afterTheFirstThree(events)).size() >= 3)));
        assertThat(late).extracting(event -> event.getChange().getVersion()).containsExactly(1L, 2L, 3L);
        List<String> firstTwo = List.of(users.get(0).userId(), users.get(1).userId());
        assertThat(late.get(0).getRecipientUserIdsList()).as("created: the members it was created with")
                .containsExactlyInAnyOrderElementsOf(firstTwo);
        assertThat(late.get(1).getRecipientUserIdsList()).containsExactlyInAnyOrderElementsOf(firstTwo);
        assertThat(late.get(2).getRecipientUserIdsList()).as("the third added, now a member")
                .containsExactlyInAnyOrder(users.get(0).userId(), users.get(1).userId(), users.get(2).userId());
    }

    private static List<Long> versions(List<GroupChangeEvent> events) {
        return events.stream().map(event -> event.getChange().getVersion()).toList();
    }

    private static List<GroupChangeEvent> afterTheFirstThree(List<GroupChangeEvent> events) {
        return events.subList(Math.min(3, events.size()), events.size());
    }

    /** The first event of each version in {@code events}, as message-service keeps them. */
    private static List<GroupChangeEvent> firstOfEachVersion(List<GroupChangeEvent> events) {
        Map<Long, GroupChangeEvent> first = new LinkedHashMap<>();
        events.forEach(event -> first.putIfAbsent(event.getChange().getVersion(), event));
        return List.copyOf(first.values());
    }

    private void awaitRelayed(String groupId, long version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Long.valueOf(version).equals(relayState(groupId).get("relayed_version"))) {
            assertThat(System.nanoTime()).as("relayed up to %d within 10 s", version).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(relayState(groupId)).containsEntry("relay_pending", false);
    }

    private Map<String, Object> relayState(String groupId) {
        return jdbc.sql("SELECT relayed_version, relay_pending FROM chat_groups WHERE id = ?").param(groupId)
                .query((row, i) -> Map.<String, Object>of("relayed_version", row.getLong(1),
                        "relay_pending", row.getBoolean(2)))
                .single();
    }

    /** The events of the group on this run's topic, read from the start until at least {@code count}. */
    private static List<GroupChangeEvent> awaitEvents(String groupId, int count) throws Exception {
        return awaitEvents(groupId, events -> events.size() >= count);
    }

    /** The events of the group on this run's topic, read from the start until {@code enough}. */
    private static List<GroupChangeEvent> awaitEvents(String groupId, Predicate<List<GroupChangeEvent>> enough)
            throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + LocalStack.KAFKA.port(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.isEmpty()) {
                assertThat(System.nanoTime()).as("topic %s exists", CHANGES_TOPIC).isLessThan(deadline);
                var infos = consumer.partitionsFor(CHANGES_TOPIC);
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<GroupChangeEvent> events = new ArrayList<>();
            while (!enough.test(events)) {
                assertThat(System.nanoTime()).as("the changes of %s within 20 s, got %s", groupId, events)
                        .isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (groupId.equals(record.key())) {
                        events.add(GroupChangeEvent.parseFrom(record.value()));
                    }
                }
            }
            return events;
        }
    }
}
