package io.chatserver.userservice.token;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Makes sure a signing key exists before the service answers (first start creates one), then
 * periodically rotates when due and reloads what other replicas created.
 */
final class SigningKeyMaintenance implements InitializingBean, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyMaintenance.class);

    private final SigningKeyStore store;
    private final SigningKeys keys;
    private final Duration interval;
    private final MeterRegistry meters;
    private volatile Disposable periodic;

    SigningKeyMaintenance(SigningKeyStore store, SigningKeys keys, TokenProperties properties, MeterRegistry meters) {
        this.store = store;
        this.keys = keys;
        this.interval = properties.keyCheckInterval();
        this.meters = meters;
    }

    /** Runs on the main thread during startup, where blocking is fine. */
    @Override
    public void afterPropertiesSet() {
        if (store.rotateIfDueNow()) {
            countRotation();
        }
        keys.refresh().block(Duration.ofSeconds(30));
    }

    /** One check: rotate if due, then reload. Emits whether this replica created a key. */
    Mono<Boolean> check() {
        return store.rotateIfDue()
                .doOnNext(rotated -> {
                    if (rotated) {
                        countRotation();
                    }
                })
                .flatMap(rotated -> keys.refresh().thenReturn(rotated));
    }

    /** Forced rotation (compromised key, tests); the new key signs after the publish lead. */
    Mono<SigningKey> rotateNow() {
        return store.rotateNow().doOnNext(key -> countRotation()).flatMap(key -> keys.refresh().thenReturn(key));
    }

    private void countRotation() {
        meters.counter(TokenMetrics.KEY_ROTATIONS).increment();
        log.info("created a new access-token signing key");
    }

    @Override
    public void start() {
        periodic = Flux.interval(interval, interval)
                .concatMap(tick -> check().onErrorResume(e -> {
                    log.warn("signing key check failed; keeping the keys loaded before", e);
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = periodic;
        if (running != null) {
            running.dispose();
        }
        periodic = null;
    }

    @Override
    public boolean isRunning() {
        return periodic != null;
    }
}
