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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pushes published while this instance's Redis connection was down (Redis restarted, a network
 * blip) reached no subscriber. When the connection is back, and the subscription with it, every
 * connection reads its inbox again instead of waiting for the periodic sweep.
 */
@Component
final class ReconnectSweep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReconnectSweep.class);
    /** Lettuce re-subscribes just after the connection is active again; read once that is done. */
    private static final Duration RESUBSCRIBE_TIME = Duration.ofSeconds(1);

    private final Disposable events;

    ReconnectSweep(ClientResources redisClient, Deliveries deliveries) {
        AtomicBoolean lost = new AtomicBoolean();
        this.events = redisClient.eventBus().get().subscribe(event -> {
            if (event instanceof ConnectionDeactivatedEvent) {
                lost.set(true);
            } else if (event instanceof ConnectionActivatedEvent && lost.getAndSet(false)) {
                log.info("Redis connection is back: reading every inbox again for pushes it missed");
                Mono.delay(RESUBSCRIBE_TIME).subscribe(tick -> deliveries.sweepAll());
            }
        });
    }

    @Override
    public void destroy() {
        events.dispose();
    }
}
