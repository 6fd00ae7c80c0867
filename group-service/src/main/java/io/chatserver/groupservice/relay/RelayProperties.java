package io.chatserver.groupservice.relay;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The relay of group changes to Kafka ({@code chat.group-changes.*}).
 *
 * @param topic where changes go, keyed by group id
 * @param partitions the topic's partitions when group-service creates it
 * @param replicas its replication factor when created (3 in production, 1 on a one-broker stack)
 * @param sweepInterval how often groups whose relay was cut short (a crash, the broker away) are relayed
 * @param publishTimeout how long one change may take to reach Kafka before the relay stops and leaves
 *                       it to the sweep
 */
@Validated
@ConfigurationProperties("chat.group-changes")
public record RelayProperties(
        @DefaultValue("chat.group-changes") @NotBlank String topic,
        @DefaultValue("12") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicas,
        @DefaultValue("5s") @NotNull Duration sweepInterval,
        @DefaultValue("5s") @NotNull Duration publishTimeout) {
}
