package io.chatserver.platform.queue;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "queues": UP while every queue is below its alert length, BACKLOG (HTTP 200, so probes are not
 * affected) while one is not, with each queue's length and alert length in the details.
 */
final class QueueHealthIndicator implements HealthIndicator {

    static final Status BACKLOG = new Status("BACKLOG", "An in-process queue is past its alert length");

    private final QueueMonitor monitor;

    QueueHealthIndicator(QueueMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean backlog = false;
        for (QueueMonitor.QueueState state : monitor.states()) {
            details.put(state.name(), Map.of("length", state.length(), "alertAt", state.alertAt()));
            backlog |= state.backlogged();
        }
        return Health.status(backlog ? BACKLOG : Status.UP).withDetails(details).build();
    }
}
