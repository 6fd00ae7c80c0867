package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.internal.v1.InboxPage;
import io.chatserver.platform.inbox.InboxMarks;
import io.chatserver.platform.queue.QueueMonitor;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ConnectionListener;
import io.chatserver.wshandler.messaging.MessageServiceClient;
import io.chatserver.wshandler.messaging.MessagingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link DeliveryPump} and one {@link AckBatcher} per open connection; starts the pump's first
 * read; periodically sweeps the pumps whose inbox was written to lately ({@link MarkWatch}), and
 * all of them when the marks cannot be read.
 */
@Component
public final class Deliveries implements ConnectionListener, DisposableBean {

    /** Acks waiting for their removal call, per connection, before new ones are refused (1006). */
    static final int MAX_WAITING_ACKS = 1024;

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private record ConnectionDelivery(DeliveryPump pump, AckBatcher acks, MarkWatch marks) {
    }

    private final Map<Connection, ConnectionDelivery> pumps = new ConcurrentHashMap<>();
    private final MessageServiceClient messageService;
    private final MessagingProperties properties;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final InboxMarks marks;
    private final Disposable sweeper;
    private final CallLimit reads;

    Deliveries(MessageServiceClient messageService, MessagingProperties properties, DeliveryMetrics metrics,
            QueueMonitor queues, Clock clock, InboxMarks marks) {
        this.messageService = messageService;
        this.marks = marks;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        // Each is bounded per connection (the delivery window, MAX_WAITING_ACKS); the alert is for the sum.
        queues.register("delivery.unacknowledged", "Entries sent to devices on this instance, not acknowledged yet",
                () -> pumps.values().stream().mapToInt(d -> d.pump().unacknowledged()).sum(), 50_000);
        this.reads = new CallLimit(properties.inboxReadsInFlight(), Schedulers.parallel());
        queues.register("delivery.reads", "Inbox reads on this instance waiting for one of the places"
                + " (chat.ws-handler.messaging.inbox-reads-in-flight)", reads::waiting, 20_000);
        queues.register("delivery.acks", "Ack frames on this instance whose inbox removal has not finished",
                () -> pumps.values().stream().mapToInt(d -> d.acks().waiting()).sum(), 5_000);
        this.sweeper = Flux.interval(properties.sweepInterval())
                .onBackpressureDrop() // a sweep that takes longer than the interval skips a tick
                .concatMap(tick -> sweepWritten(), 1)
                .subscribe();
    }

    @Override
    public void opened(Connection connection) {
        DeliveryPump pump = new DeliveryPump(connection, inboxOf(connection), metrics,
                properties.deliveryWindow(), properties.pageSize(), properties.lateWriteWindow(),
                properties.maxQueuedPushes());
        AckBatcher acks = new AckBatcher(connection,
                (ids, described) -> messageService.acknowledge(connection.key(), ids, described),
                AckHandler.MAX_IDS, MAX_WAITING_ACKS,
                new AckBatcher.Pacing(properties.ackPauseAfter(), properties.ackPause(), Schedulers.parallel()));
        pumps.put(connection, new ConnectionDelivery(pump, acks,
                new MarkWatch(properties.sweepInterval().plus(properties.lateWriteWindow()).toMillis())));
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

    /**
     * The periodic sweep: reads again, from a little before its last read, the inbox of every
     * connection whose inbox was written to lately, in case its push was lost.
     */
    public Mono<Integer> sweepWritten() {
        List<Map.Entry<Connection, ConnectionDelivery>> open = List.copyOf(pumps.entrySet());
        List<ConnectionDelivery> all = open.stream().map(Map.Entry::getValue).toList();
        List<String> keys = open.stream()
                .map(entry -> InboxMarks.key(entry.getKey().device().userId(), entry.getKey().device().deviceId()))
                .toList();
        long now = clock.millis();
        return marks.read(keys)
                .map(values -> {
                    int swept = 0;
                    for (int i = 0; i < all.size(); i++) {
                        if (all.get(i).marks().readDue(values.get(i), now)) {
                            all.get(i).pump().sweep();
                            swept++;
                        }
                    }
                    metrics.swept(swept, all.size() - swept);
                    return swept;
                })
                .onErrorResume(error -> {
                    log.warn("could not read the inbox marks, sweeping all {} connections: {}", all.size(), error.toString());
                    all.forEach(d -> d.pump().sweep());
                    metrics.swept(all.size(), 0);
                    return Mono.just(all.size());
                });
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

    /**
     * The call once the connection's acks before it are done: what was read or opened was delivered
     * first, so its sender gets DELIVERED before READ or VIEWED.
     */
    Mono<Void> afterEarlierAcks(Connection connection, Mono<Void> call) {
        return acks(connection).map(AckBatcher::whenDone).orElse(Mono.empty()).then(call);
    }

    @Override
    public void destroy() {
        sweeper.dispose();
    }

    private DeliveryPump.Inbox inboxOf(Connection connection) {
        return new DeliveryPump.Inbox() {
            @Override
            public Mono<InboxPage> page(String after, int limit) {
                return reads.run(() -> messageService.page(connection.key(), after, limit));
            }

            @Override
            public long nowMillis() {
                return clock.millis();
            }
        };
    }
}
