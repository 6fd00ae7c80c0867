package io.chatserver.wsmanager.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/** Registry gauges (recomputed from Redis by {@link RegistryJobs}) and the reaped-sessions counter. */
@Component
final class RegistryMetrics {

    static final String SESSIONS = "chat.registry.sessions";
    static final String HANDLERS = "chat.registry.handlers";
    static final String REAPED = "chat.registry.reaped.sessions";

    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong handlers = new AtomicLong();
    private final Counter reaped;

    RegistryMetrics(MeterRegistry meters) {
        Gauge.builder(SESSIONS, sessions, AtomicLong::get)
                .description("Sessions on handlers with a live lease, cluster-wide").register(meters);
        Gauge.builder(HANDLERS, handlers, AtomicLong::get)
                .description("ws-handler instances with a live lease").register(meters);
        reaped = Counter.builder(REAPED)
                .description("Sessions removed because their handler's lease expired").register(meters);
    }

    void record(RegistryStats stats) {
        sessions.set(stats.sessions());
        handlers.set(stats.liveHandlers());
    }

    void reaped(long count) {
        reaped.increment(count);
    }
}
