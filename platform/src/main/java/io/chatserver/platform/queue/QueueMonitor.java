package io.chatserver.platform.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The in-process queues of a service (A5, A11): each one is a gauge {@code chat.queue.<name>}, and
 * past its alert length it is a backlog: the "queues" health indicator says BACKLOG, a warning is
 * logged once when it starts and once when it ends, and {@code chat.queue.alerts} counts the starts.
 */
public final class QueueMonitor implements DisposableBean {

    /** A queue's length against its alert length. */
    public record QueueState(String name, long length, long alertAt) {
        public boolean backlogged() {
            return length >= alertAt;
        }
    }

    private record Queue(String name, Supplier<? extends Number> length, long alertAt) {
        QueueState state() {
            return new QueueState(name, length.get().longValue(), alertAt);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(QueueMonitor.class);
    static final String PREFIX = "chat.queue.";
    static final String ALERTS = "chat.queue.alerts";

    private final MeterRegistry meters;
    private final QueueAlertProperties properties;
    private final List<Queue> queues = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> alerting = new ConcurrentHashMap<>();
    private final Disposable checks;

    public QueueMonitor(MeterRegistry meters, QueueAlertProperties properties) {
        this.meters = meters;
        this.properties = properties;
        this.checks = Flux.interval(properties.checkInterval()).subscribe(tick -> check());
    }

    /**
     * Watches a queue. defaultAlertAt applies unless {@code chat.queues.alert-at.<name>} is set; it
     * should sit below the queue's bound, so the alert comes before the queue refuses work.
     */
    public void register(String name, String description, Supplier<? extends Number> length, long defaultAlertAt) {
        if (queues.stream().anyMatch(queue -> queue.name().equals(name))) {
            throw new IllegalStateException("queue " + name + " registered twice");
        }
        long alertAt = properties.alertAt().getOrDefault(name, defaultAlertAt);
        // A strong reference: Micrometer holds gauge objects weakly, and a lambda would be collected.
        Gauge.builder(PREFIX + name, length, supplier -> supplier.get().doubleValue())
                .description(description).strongReference(true).register(meters);
        queues.add(new Queue(name, length, alertAt));
    }

    public List<QueueState> states() {
        return queues.stream().map(Queue::state).toList();
    }

    /** Logs and counts each queue's start and end of a backlog; runs every check interval. */
    void check() {
        for (QueueState state : states()) {
            boolean was = Boolean.TRUE.equals(alerting.put(state.name(), state.backlogged()));
            if (state.backlogged() && !was) {
                Counter.builder(ALERTS).tag("queue", state.name()).register(meters).increment();
                log.warn("queue {} is backed up: {} items, alert at {}", state.name(), state.length(), state.alertAt());
            } else if (!state.backlogged() && was) {
                log.info("queue {} is back below its alert length: {} items", state.name(), state.length());
            }
        }
    }

    @Override
    public void destroy() {
        checks.dispose();
    }
}
