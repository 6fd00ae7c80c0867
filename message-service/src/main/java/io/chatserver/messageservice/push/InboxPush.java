package io.chatserver.messageservice.push;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.inbox.DeviceAddress;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.platform.queue.QueueMonitor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import java.util.Base64;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * After an entry is stored, tells connected devices at once (through ws-manager, which knows their
 * handler). Best effort by design: a device that misses it finds the entry on its next inbox read.
 * At most maxPendingPushes calls are in flight; beyond that pushes are skipped and counted.
 */
@Component
public final class InboxPush {

    private final WebClient http;
    private final MessagingProperties properties;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter sent;
    private final Counter skipped;
    private final Counter failed;

    InboxPush(MessagingProperties properties, MeterRegistry meters, QueueMonitor queues) {
        this.http = WebClient.builder().baseUrl(properties.wsManagerUrl().toString()).build();
        this.properties = properties;
        queues.register("push.pending", "Wake-up pushes in flight to ws-manager", pending::get,
                Math.max(1, properties.maxPendingPushes() * 3L / 4));
        this.sent = meters.counter("chat.push", "outcome", "sent");
        this.skipped = meters.counter("chat.push", "outcome", "skipped");
        this.failed = meters.counter("chat.push", "outcome", "failed");
    }

    public void push(Collection<DeviceAddress> devices, ServerFrame frame) {
        String encoded = Base64.getEncoder().encodeToString(frame.toByteArray());
        for (DeviceAddress device : devices) {
            if (pending.incrementAndGet() > properties.maxPendingPushes()) {
                pending.decrementAndGet();
                skipped.increment();
                continue;
            }
            http.post().uri("/internal/v1/deliveries")
                    .bodyValue(new Delivery(device.userId().toString(), device.deviceId(), encoded))
                    .retrieve().toBodilessEntity()
                    .timeout(properties.callTimeout())
                    .doFinally(signal -> pending.decrementAndGet())
                    .subscribe(response -> sent.increment(), error -> failed.increment());
        }
    }

    public int pending() {
        return pending.get();
    }

    record Delivery(String userId, int deviceId, String serverFrame) {
    }
}
