package io.chatserver.messageservice.groupchange;

import io.chatserver.messageservice.fanout.FanoutProperties;
import io.chatserver.messageservice.fanout.OrderedBatch;
import io.chatserver.protocol.internal.v1.GroupChangeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Group changes from group-service (topic {@code chat.group-changes}) to system messages, one
 * group's changes in version order. A failed batch is tried again whole; a change already posted is
 * found by its claim and published again, which the fan-out writes as nothing new.
 */
@Component
final class GroupChangeListener {

    private static final Comparator<GroupChangeEvent> BY_VERSION =
            Comparator.comparingLong(event -> event.getChange().getVersion());

    private final SystemMessages systemMessages;
    private final FanoutProperties properties;
    private final Counter unreadable;

    GroupChangeListener(SystemMessages systemMessages, FanoutProperties properties, MeterRegistry meters) {
        this.systemMessages = systemMessages;
        this.properties = properties;
        this.unreadable = meters.counter("chat.group-changes.unreadable");
    }

    @KafkaListener(id = "group-changes", topics = "${chat.fanout.changes-topic:chat.group-changes}",
            groupId = "${chat.fanout.changes-consumer-group:message-service-group-changes}", batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        OrderedBatch.handle(records, GroupChangeListener::read, BY_VERSION, systemMessages::post,
                properties.groupsInParallel(), properties.batchTimeout(), unreadable);
    }

    private static GroupChangeEvent read(byte[] value) throws Exception {
        GroupChangeEvent event = GroupChangeEvent.parseFrom(value);
        UUID.fromString(event.getGroupId());
        if (event.getChange().getVersion() < 1) {
            throw new IllegalArgumentException("no version");
        }
        return event;
    }
}
