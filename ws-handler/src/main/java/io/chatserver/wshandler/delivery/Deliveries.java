package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.internal.v1.InboxPage;
import io.chatserver.platform.queue.QueueMonitor;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ConnectionListener;
import io.chatserver.wshandler.messaging.MessageServiceClient;
import io.chatserver.wshandler.messaging.MessagingProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link DeliveryPump} and one {@link AckBatcher} per open connection; starts the pump's first
 * read, sweeps all pumps periodically.
 */
@Component
public final class Deliveries implements ConnectionListener, DisposableBean {

    /** Acks waiting for their removal call, per connection, before new ones are refused (1006). */
    static final int MAX_WAITING_ACKS = 1024;

    private record ConnectionDelivery(DeliveryPump pump, AckBatcher acks) {
    }

    private final Map<Connection, ConnectionDelivery> pumps = new ConcurrentHashMap<>();
    private final MessageServiceClient messageService;
    private final MessagingProperties properties;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Disposable sweeper;

    Deliveries(MessageServiceClient messageService, MessagingProperties properties, DeliveryMetrics metrics,
            QueueMonitor queues, Clock clock) {
        this.messageService = messageService;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        // Each is bounded per connection (the delivery window, MAX_WAITING_ACKS); the alert is for the sum.
        queues.register("delivery.unacknowledged", "Entries sent to devices on this instance, not acknowledged yet",
                () -> pumps.values().stream().mapToInt(d -> d.pump().unacknowledged()).sum(), 50_000);
        queues.register("delivery.acks", "Ack frames on this instance whose inbox removal has not finished",
                () -> pumps.values().stream().mapToInt(d -> d.acks().waiting()).sum(), 5_000);
        this.sweeper = Flux.interval(properties.sweepInterval())
                .subscribe(tick -> sweepAll());
    }

    @Override
    public void opened(Connection connection) {
        DeliveryPump pump = new DeliveryPump(connection, inboxOf(connection), metrics,
                properties.deliveryWindow(), properties.pageSize(), properties.lateWriteWindow(),
                properties.maxQueuedPushes());
        AckBatcher acks = new AckBatcher(connection,
                (ids, described) -> messageService.acknowledge(connection.key(), ids, described),
                AckHandler.MAX_IDS, MAX_WAITING_ACKS);
        pumps.put(connection, new ConnectionDelivery(pump, acks));
        if (connection.isClosing()) { // closed while we were setting up: closing() may have run already
            closing(connection);
            return;
        }
        pump.sync("");
    }

    @Override
    public void closing(Connection connection) {
        ConnectionDelivery delivery = pumps.remove(connection);
        if (delivery != null) {
            delivery.pump().stop(); // acks still waiting are removed all the same; their answers go nowhere
        }
    }

    /** Reads every connection's inbox again from a little before its last read (the periodic sweep). */
    public void sweepAll() {
        pumps.values().forEach(d -> d.pump().sweep());
    }

    /**
     * Pushes to this instance may be getting lost (its registry entries or its Redis subscription
     * are gone): pushes wait on every connection until {@link #sweepAllThenRelease()}, so a later
     * message cannot overtake an earlier one whose push was lost.
     */
    public void holdAll() {
        pumps.values().forEach(d -> d.pump().hold());
    }

    /** The push path is back: every connection reads its inbox, then passes on the pushes that waited. */
    public void sweepAllThenRelease() {
        pumps.values().forEach(d -> d.pump().sweepThenRelease());
    }

    /** A message or receipt pushed for this connection; other frames are not inbox entries. */
    public boolean pushed(Connection connection, ServerFrame frame) {
        if (!EntryIds.isInboxEntry(frame)) {
            return false;
        }
        pump(connection).ifPresent(pump -> pump.pushed(frame));
        return true;
    }

    Optional<DeliveryPump> pump(Connection connection) {
        return Optional.ofNullable(pumps.get(connection)).map(ConnectionDelivery::pump);
    }

    Optional<AckBatcher> acks(Connection connection) {
        return Optional.ofNullable(pumps.get(connection)).map(ConnectionDelivery::acks);
    }

    @Override
    public void destroy() {
        sweeper.dispose();
    }

    private DeliveryPump.Inbox inboxOf(Connection connection) {
        return new DeliveryPump.Inbox() {
            @Override
            public Mono<InboxPage> page(String after, int limit) {
                return messageService.page(connection.key(), after, limit);
            }

            @Override
            public long nowMillis() {
                return clock.millis();
            }
        };
    }
}
