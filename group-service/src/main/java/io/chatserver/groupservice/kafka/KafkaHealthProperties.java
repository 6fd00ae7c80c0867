package io.chatserver.groupservice.kafka;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The readiness check of the Kafka cluster.
 *
 * @param timeout how long a describe-cluster call may take before the broker counts as down;
 *                short, since a probe that hangs is as bad as one that fails
 */
@Validated
@ConfigurationProperties("chat.kafka.health")
record KafkaHealthProperties(@NotNull @DefaultValue("2s") Duration timeout) {
}
