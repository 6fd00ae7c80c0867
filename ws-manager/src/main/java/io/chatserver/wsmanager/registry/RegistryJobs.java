package io.chatserver.wsmanager.registry;

import io.chatserver.wsmanager.WsManagerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Periodic work: the lease reaper (removes the sessions of handlers that stopped renewing, e.g. after
 * kill -9) and the gauge refresh. Every replica runs both; the reaper's script is atomic and idempotent.
 */
@Component
final class RegistryJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RegistryJobs.class);

    private final SessionRegistry registry;
    private final RegistryMetrics metrics;
    private final WsManagerProperties properties;
    private volatile Disposable.Composite running;

    RegistryJobs(SessionRegistry registry, RegistryMetrics metrics, WsManagerProperties properties) {
        this.registry = registry;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = Disposables.composite(
                every(properties.reaperInterval(), "reap expired leases", () -> registry.reapExpired()
                        .doOnNext(removed -> {
                            if (removed > 0) {
                                log.info("reaped {} sessions of handlers whose lease expired", removed);
                                metrics.reaped(removed);
                            }
                        })),
                every(properties.metricsInterval(), "refresh registry gauges",
                        () -> registry.stats().doOnNext(metrics::record)));
    }

    /** Runs the job now and then every interval; a failed run (Redis down) is logged and the next one retries. */
    private static Disposable every(Duration interval, String what, Supplier<Mono<?>> job) {
        return Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> job.get()
                        .onErrorResume(e -> {
                            log.warn("{} failed: {}", what, e.toString());
                            return Mono.empty();
                        }), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable.Composite jobs = running;
        running = null;
        if (jobs != null) {
            jobs.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
