package io.chatserver.platform.queue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueMonitorTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final QueueMonitor monitor = new QueueMonitor(meters,
            new QueueAlertProperties(Map.of("push.pending", 3L), Duration.ofHours(1)));
    private final AtomicInteger pushes = new AtomicInteger();
    private final AtomicInteger acks = new AtomicInteger();

    @AfterEach
    void stop() {
        monitor.destroy();
    }

    @Test
    void eachQueueIsAGaugeThatFollowsItsLengthEvenWhenOnlyALambdaReadsIt() {
        monitor.register("delivery.acks", "Acks waiting", () -> acks.get() * 2, 100);
        acks.set(21);
        System.gc(); // Micrometer keeps gauge objects weakly; the lambda must survive this

        assertThat(meters.get("chat.queue.delivery.acks").gauge().value()).isEqualTo(42);
    }

    @Test
    void aConfiguredAlertLengthOverridesTheDefaultOfTheQueuesOwner() {
        monitor.register("push.pending", "Pushes in flight", pushes::get, 4096);
        monitor.register("delivery.acks", "Acks waiting", acks::get, 100);

        assertThat(monitor.states()).extracting(QueueMonitor.QueueState::alertAt).containsExactly(3L, 100L);
    }

    @Test
    void theHealthSaysBacklogFromTheAlertLengthOnAndNamesEveryQueue() {
        monitor.register("push.pending", "Pushes in flight", pushes::get, 4096);
        monitor.register("delivery.acks", "Acks waiting", acks::get, 100);
        QueueHealthIndicator health = new QueueHealthIndicator(monitor);

        pushes.set(2);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        pushes.set(3);
        assertThat(health.health().getStatus()).isEqualTo(QueueHealthIndicator.BACKLOG);
        assertThat(health.health().getDetails()).containsEntry("push.pending", Map.of("length", 3L, "alertAt", 3L))
                .containsEntry("delivery.acks", Map.of("length", 0L, "alertAt", 100L));
    }

    @Test
    void aBacklogIsCountedOnceWhenItStartsAndAgainOnlyAfterItEnded() {
        monitor.register("push.pending", "Pushes in flight", pushes::get, 4096);

        pushes.set(5);
        monitor.check();
        monitor.check();
        assertThat(alerts()).isEqualTo(1);
        pushes.set(0);
        monitor.check();
        pushes.set(9);
        monitor.check();
        assertThat(alerts()).isEqualTo(2);
    }

    @Test
    void aQueueNameIsRegisteredOnce() {
        monitor.register("push.pending", "Pushes in flight", pushes::get, 4096);

        assertThatThrownBy(() -> monitor.register("push.pending", "again", acks::get, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("push.pending");
    }

    private double alerts() {
        return meters.get(QueueMonitor.ALERTS).tag("queue", "push.pending").counter().count();
    }
}
