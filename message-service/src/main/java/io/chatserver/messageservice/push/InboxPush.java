package io.chatserver.messageservice.push;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.inbox.DeviceAddress;
import io.chatserver.platform.queue.QueueMonitor;
import io.chatserver.platform.registry.HandlerCommands;
import io.chatserver.platform.registry.RegistryLookup;
import io.chatserver.protocol.v1.ServerFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * After an entry is stored, tells connected devices at once: the registry (in Redis, kept by
 * ws-manager) says which handler holds the device, and the frame goes on that handler's channel.
 * No hop through ws-manager: one script call and one publish per push. Best effort by design: a
 * device that misses it finds the entry on its next inbox read. At most maxPendingPushes are in
 * flight or waiting; beyond that pushes are skipped and counted. One device's pushes go one at a
 * time, in the order they were made.
 */
@Component
public final class InboxPush {

    private final RegistryLookup registry;
    private final HandlerCommands commands;
    private final MessagingProperties properties;
    private final AtomicInteger pending = new AtomicInteger();
    /** Per device, the push that runs or waits last; removed when it ends. */
    private final ConcurrentMap<DeviceAddress, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Counter sent;
    private final Counter skipped;
    private final Counter offline;
    private final Counter failed;

    InboxPush(MessagingProperties properties, RegistryLookup registry, HandlerCommands commands, MeterRegistry meters,
            QueueMonitor queues) {
        this.registry = registry;
        this.commands = commands;
        this.properties = properties;
        queues.register("push.pending", "Wake-up pushes in flight to handlers", pending::get,
                Math.max(1, properties.maxPendingPushes() * 3L / 4));
        this.sent = meters.counter("chat.push", "outcome", "sent");
        this.skipped = meters.counter("chat.push", "outcome", "skipped");
        // No live session in the registry: the device is offline (or a clock is far off: leases are
        // compared with this service's clock, so the services' clocks must agree within seconds).
        this.offline = meters.counter("chat.push", "outcome", "offline");
        this.failed = meters.counter("chat.push", "outcome", "failed");
    }

    public void push(Collection<DeviceAddress> devices, ServerFrame frame) {
        byte[] bytes = frame.toByteArray();
        for (DeviceAddress device : devices) {
            if (pending.incrementAndGet() > properties.maxPendingPushes()) {
                pending.decrementAndGet();
                skipped.increment();
                continue;
            }
            inOrder(device, registry.userSessions(device.userId())
                    .filter(session -> session.deviceId() == device.deviceId())
                    .concatMap(session -> commands.deliver(session, bytes).thenReturn(session))
                    .count()
                    .timeout(properties.callTimeout())
                    .doOnSuccess(sessions -> (sessions > 0 ? sent : offline).increment())
                    .doOnError(error -> failed.increment())
                    .onErrorResume(error -> Mono.empty())
                    .doFinally(signal -> pending.decrementAndGet())
                    .then());
        }
    }

    /**
     * Runs one device's pushes one after the other, so they reach its handler in the order they
     * were made (two calls in flight at once could overtake each other).
     */
    private void inOrder(DeviceAddress device, Mono<Void> push) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(device, mine);
        Mono<Void> turn = previous == null ? Mono.empty() : Mono.fromFuture(previous, true);
        turn.then(push).doFinally(signal -> {
            tails.remove(device, mine);
            mine.complete(null);
        }).subscribe();
    }

    public int pending() {
        return pending.get();
    }
}
