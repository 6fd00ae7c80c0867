package io.chatserver.platform.queue;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * When an in-process queue counts as backed up (A5, A11).
 *
 * @param alertAt       per queue name (as in {@code chat.queue.<name>}), the length from which the
 *                      queue is reported as a backlog; overrides the default its owner registered
 * @param checkInterval how often the queues are looked at for the log event and the alert counter
 */
@Validated
@ConfigurationProperties("chat.queues")
public record QueueAlertProperties(
        @NotNull Map<String, @Positive Long> alertAt,
        @NotNull @DefaultValue("5s") Duration checkInterval) {

    public QueueAlertProperties {
        alertAt = alertAt == null ? Map.of() : Map.copyOf(alertAt);
    }
}
