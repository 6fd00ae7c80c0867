package io.chatserver.messageservice.fanout;

import io.chatserver.platform.queue.QueueMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the fan-out consumer group is behind (A11): records on the topic past the group's
 * committed offsets, over all partitions, read from the broker every few seconds, so every
 * instance reports the whole group's lag. The gauge is {@code chat.queue.fanout.lag}; past
 * {@code chat.fanout.lag-alert-at} the queues health says BACKLOG and a warning is logged.
 * While the broker cannot be asked the last value stays and {@code chat.fanout.lag.unknown} is 1.
 */
@Component
final class FanoutLag implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FanoutLag.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final FanoutProperties properties;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final Disposable checks;

    FanoutLag(KafkaAdmin kafkaAdmin, FanoutProperties properties, QueueMonitor queues,
            MeterRegistry meters) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        this.properties = properties;
        queues.register("fanout.lag", "Group messages on Kafka not yet fanned out", lag::get, properties.lagAlertAt());
        meters.gauge("chat.fanout.lag.unknown", unknown);
        this.checks = Flux.interval(properties.lagCheckInterval(), Schedulers.boundedElastic())
                .subscribe(tick -> check());
    }

    long lag() {
        return lag.get();
    }

    /** Reads the lag now (also what the periodic check runs). */
    void check() {
        try {
            lag.set(read());
            unknown.set(0);
        } catch (Exception e) {
            unknown.set(1);
            log.debug("could not read the fan-out lag: {}", e.toString());
        }
    }

    private long read() throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(properties.topic())).allTopicNames()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(properties.topic()).partitions().stream()
                .map(info -> new TopicPartition(properties.topic(), info.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(properties.consumerGroup())
                .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        long total = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            long from = done == null ? starts.get(partition) : done.offset();
            total += Math.max(0, ends.get(partition) - from);
        }
        return total;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
        partitions.forEach(partition -> asked.put(partition, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(asked).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    @Override
    public void destroy() {
        checks.dispose();
        admin.close();
    }
}
