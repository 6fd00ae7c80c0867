package io.chatserver.messageservice.fanout;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Group message fan-out over Kafka ({@code chat.fanout.*}).
 *
 * @param topic the topic group messages travel on, keyed by group id
 * @param consumerGroup the Kafka consumer group of the fan-out consumers of all instances
 * @param changesTopic group-service's group changes, each made a system message of its group
 * @param changesConsumerGroup the consumer group reading them
 * @param partitions its partitions when this service creates it: the most fan-out consumers that can
 *                   share the work (each partition is read by one consumer of the group at a time)
 * @param replicas its replication factor when created (3 in production; 1 on a one-broker stack)
 * @param publishTimeout how long a send waits for Kafka to take its message before failing with the
 *                       retryable 2004
 * @param batchTimeout longest one batch of records may take to fan out before it is tried again; keep
 *                     it well below the consumer's max.poll.interval.ms and far above what a batch
 *                     takes under load, or an overloaded consumer redoes the same batch for ever
 * @param lagCheckInterval how often the consumer group's lag is read from the broker
 * @param lagAlertAt records behind at which the lag counts as a backlog (health and a warning)
 * @param groupsInParallel different groups of one batch fanned out at once (one group's records
 *                         always one after the other)
 */
@Validated
@ConfigurationProperties("chat.fanout")
public record FanoutProperties(
        @DefaultValue("chat.group-messages") @NotBlank String topic,
        @DefaultValue("message-service-fanout") @NotBlank String consumerGroup,
        @DefaultValue("chat.group-changes") @NotBlank String changesTopic,
        @DefaultValue("message-service-group-changes") @NotBlank String changesConsumerGroup,
        @DefaultValue("12") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicas,
        @DefaultValue("5s") @NotNull Duration publishTimeout,
        @DefaultValue("4m") @NotNull Duration batchTimeout,
        @DefaultValue("5s") @NotNull Duration lagCheckInterval,
        @DefaultValue("10000") @Min(1) long lagAlertAt,
        @DefaultValue("16") @Min(1) int groupsInParallel) {
}
