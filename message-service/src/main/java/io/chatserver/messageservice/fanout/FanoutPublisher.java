package io.chatserver.messageservice.fanout;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.internal.v1.GroupFanout;
import io.chatserver.protocol.v1.ErrorCode;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.UUID;

/** Hands a stored group message to Kafka, keyed by its group, and completes once the broker has it (acks=all). */
@Component
public final class FanoutPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final FanoutProperties properties;
    private final KafkaAdmin admin;
    private final NewTopic topic;
    /** False until the topic is known to exist with its partitions. */
    private volatile boolean topicEnsured;

    FanoutPublisher(KafkaTemplate<String, byte[]> kafka, FanoutProperties properties, KafkaAdmin admin,
            NewTopic groupMessagesTopic) {
        this.kafka = kafka;
        this.properties = properties;
        this.admin = admin;
        this.topic = groupMessagesTopic;
    }

    /**
     * Creates the topic with its partitions when startup could not (the broker was away): otherwise
     * the first send could have the broker create it with its defaults. Once done, never again; one
     * thread at a time tries.
     */
    private synchronized void ensureTopic() {
        if (!topicEnsured) {
            admin.createOrModifyTopics(topic);
            topicEnsured = true;
        }
    }

    /** Fails with the retryable 2004; a retried send publishes again and the fan-out writes the same entries. */
    public Mono<Void> publish(UUID groupId, GroupFanout record) {
        return Mono.fromFuture(() -> {
                    ensureTopic();
                    return kafka.send(properties.topic(), groupId.toString(), record.toByteArray());
                })
                // send() blocks while it fetches the topic's metadata (up to max.block.ms): not on an event loop.
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(properties.publishTimeout())
                .onErrorMap(e -> new ChatException(ErrorCode.MESSAGE_STORE_UNAVAILABLE,
                        "group message stored but not handed to Kafka: " + e))
                .then();
    }
}
