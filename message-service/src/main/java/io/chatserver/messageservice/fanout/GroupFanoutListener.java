package io.chatserver.messageservice.fanout;

import com.google.protobuf.InvalidProtocolBufferException;
import io.chatserver.protocol.internal.v1.GroupFanout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The group message processor (A6): a Kafka consumer group, one consumer per partition at most,
 * scaled by running more message-service instances. A batch is fanned out whole before its offsets
 * are committed (at least once); different groups run side by side, one group's messages in order.
 */
@Component
final class GroupFanoutListener {

    private static final Logger log = LoggerFactory.getLogger(GroupFanoutListener.class);

    private final GroupFanoutDelivery delivery;
    private final FanoutProperties properties;
    private final Counter unreadable;

    GroupFanoutListener(GroupFanoutDelivery delivery, FanoutProperties properties, MeterRegistry meters) {
        this.delivery = delivery;
        this.properties = properties;
        this.unreadable = meters.counter("chat.fanout.unreadable");
    }

    /** Throws when a record could not be fanned out: the error handler then runs the batch again. */
    @KafkaListener(id = "group-fanout", topics = "${chat.fanout.topic:chat.group-messages}",
            groupId = "${chat.fanout.consumer-group:message-service-fanout}", batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        Flux.fromIterable(byGroup(records).values())
                .flatMap(inOrder -> Flux.fromIterable(inOrder).concatMap(delivery::deliver),
                        properties.groupsInParallel())
                .then()
                .block(properties.batchTimeout());
    }

    /** The records of each group, in partition order. */
    private Map<String, List<GroupFanout>> byGroup(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<GroupFanout>> groups = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                groups.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(GroupFanout.parseFrom(record.value()));
            } catch (InvalidProtocolBufferException | NullPointerException e) {
                // Trying again cannot make it readable; only something other than message-service writes such records.
                unreadable.increment();
                log.error("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.toString());
            }
        }
        return groups;
    }
}
