package io.chatserver.wshandler.manager;

import io.chatserver.wshandler.WsHandlerProperties;
import io.chatserver.wshandler.connection.LocalConnections;
import io.chatserver.wshandler.delivery.Deliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps this instance alive in the registry: renews its lease every few seconds, and sends the full
 * list of its sessions periodically, and at once after ws-manager was unreachable or lost the lease
 * (Redis restarted empty, the lease expired), so lost registrations and deletes heal. On shutdown (after the connections are drained) it drops the handler at once.
 * Starts before the web server accepts connections and stops after it.
 */
@Component
final class LeaseKeeper implements SmartLifecycle {

    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final WsManagerClient manager;
    private final LocalConnections connections;
    private final Deliveries deliveries;
    private final WsHandlerProperties properties;
    private final AtomicBoolean reconcileNeeded = new AtomicBoolean();
    private volatile Disposable.Composite running;

    LeaseKeeper(WsManagerClient manager, LocalConnections connections, Deliveries deliveries,
            WsHandlerProperties properties) {
        this.manager = manager;
        this.connections = connections;
        this.deliveries = deliveries;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = Disposables.composite(
                every(Duration.ZERO, properties.leaseRenewInterval(), this::renew),
                every(properties.reconcileInterval(), properties.reconcileInterval(), this::reconcile));
    }

    private Mono<Void> renew() {
        return manager.renewLease()
                .flatMap(known -> {
                    boolean unreachableBefore = reconcileNeeded.getAndSet(false);
                    boolean lost = !known || unreachableBefore;
                    if (!lost) {
                        return Mono.empty();
                    }
                    // The registry lost this handler's sessions, or ws-manager could not be reached:
                    // pushes to it may have gone nowhere. Pushes wait while the sessions are restored,
                    // then every inbox is read (finding the lost ones first), then the waiting pushes go.
                    deliveries.holdAll();
                    return reconcile().doFinally(signal -> deliveries.sweepAllThenRelease());
                })
                .onErrorResume(e -> {
                    if (!reconcileNeeded.getAndSet(true)) {
                        log.warn("could not renew the lease of {} at ws-manager: {}", manager.handlerId(), e.toString());
                    }
                    return Mono.empty();
                });
    }

    private Mono<Void> reconcile() {
        return manager.reconcile(connections.snapshot())
                .doOnSuccess(done -> log.debug("reconciled {} sessions", connections.size()))
                .onErrorResume(e -> {
                    reconcileNeeded.set(true);
                    log.warn("could not reconcile sessions with ws-manager: {}", e.toString());
                    return Mono.empty();
                });
    }

    private static Disposable every(Duration first, Duration interval, Supplier<Mono<Void>> job) {
        return Flux.interval(first, interval).onBackpressureDrop().concatMap(tick -> job.get(), 0).subscribe();
    }

    @Override
    public void stop() {
        Disposable.Composite jobs = running;
        running = null;
        if (jobs != null) {
            jobs.dispose();
        }
        try {
            manager.dropHandler().block(properties.registryTimeout().plusSeconds(1));
            log.info("dropped {} from the session registry", manager.handlerId());
        } catch (RuntimeException e) {
            log.warn("could not drop {} from the registry; its lease will expire: {}", manager.handlerId(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
