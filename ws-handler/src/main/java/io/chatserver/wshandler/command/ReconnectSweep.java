package io.chatserver.wshandler.command;

import io.chatserver.wshandler.delivery.Deliveries;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushes published while this instance's Redis connections were down (Redis restarted, a network
 * blip) reached no subscriber. While one is down, pushes wait on every connection; every time one
 * is back (the pub/sub one may come back after the others), every connection reads its inbox, and
 * then the waiting pushes go, instead of the lost ones waiting for the periodic sweep.
 */
@Component
final class ReconnectSweep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReconnectSweep.class);
    /** Lettuce re-subscribes just after the connection is active again; read once that is done. */
    private static final Duration RESUBSCRIBE_TIME = Duration.ofSeconds(1);

    private final Disposable events;

    ReconnectSweep(ClientResources redisClient, Deliveries deliveries) {
        // Connections that went down and are not back yet; each return sweeps.
        AtomicInteger down = new AtomicInteger();
        this.events = redisClient.eventBus().get().subscribe(event -> {
            if (event instanceof ConnectionDeactivatedEvent) {
                down.incrementAndGet();
                deliveries.holdAll(); // pushes that still come must not overtake lost ones
            } else if (event instanceof ConnectionActivatedEvent
                    && down.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                log.info("a Redis connection is back: reading every inbox again for pushes it missed");
                Mono.delay(RESUBSCRIBE_TIME).subscribe(tick -> deliveries.sweepAllThenRelease());
            }
        });
    }

    @Override
    public void destroy() {
        events.dispose();
    }
}
