package io.chatserver.wshandler.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Inbox delivery on this instance. */
@Component
final class DeliveryMetrics {

    private final Counter pushesDropped;
    private final Counter readsFailed;

    DeliveryMetrics(MeterRegistry meters) {
        this.pushesDropped = meters.counter("chat.delivery.pushes.dropped");
        this.readsFailed = meters.counter("chat.delivery.reads.failed");
    }

    void pushesDropped(int count) {
        pushesDropped.increment(count);
    }

    void readFailed() {
        readsFailed.increment();
    }
}
