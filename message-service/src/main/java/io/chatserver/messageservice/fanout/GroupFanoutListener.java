package io.chatserver.messageservice.fanout;

import io.chatserver.protocol.internal.v1.GroupFanout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The group message processor (A6): a Kafka consumer group, one consumer per partition at most,
 * scaled by running more message-service instances. A batch is fanned out whole before its offsets
 * are committed (at least once); different groups run side by side, one group's messages in order.
 */
@Component
final class GroupFanoutListener {

    private final GroupFanoutDelivery delivery;
    private final FanoutProperties properties;
    private final Counter unreadable;

    GroupFanoutListener(GroupFanoutDelivery delivery, FanoutProperties properties, MeterRegistry meters) {
        this.delivery = delivery;
        this.properties = properties;
        this.unreadable = meters.counter("chat.fanout.unreadable");
    }

    @KafkaListener(id = "group-fanout", topics = "${chat.fanout.topic:chat.group-messages}",
            groupId = "${chat.fanout.consumer-group:message-service-fanout}", batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        // Only something other than message-service writes records that are no GroupFanout.
        OrderedBatch.handle(records, GroupFanout::parseFrom, GroupFanoutDelivery.BY_SEQ, delivery::deliver, properties.groupsInParallel(),
                properties.batchTimeout(), unreadable);
    }
}
