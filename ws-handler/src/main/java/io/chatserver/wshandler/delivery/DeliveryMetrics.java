package io.chatserver.wshandler.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Inbox delivery on this instance. */
@Component
final class DeliveryMetrics {

    private final Counter pushesDropped;
    private final Counter readsFailed;
    private final Counter swept;
    private final Counter sweepsSkipped;

    DeliveryMetrics(MeterRegistry meters) {
        this.pushesDropped = meters.counter("chat.delivery.pushes.dropped");
        this.readsFailed = meters.counter("chat.delivery.reads.failed");
        this.swept = meters.counter("chat.delivery.sweeps", "outcome", "read");
        this.sweepsSkipped = meters.counter("chat.delivery.sweeps", "outcome", "skipped");
    }

    /** One periodic sweep: inboxes read again, and inboxes left alone (not written to lately). */
    void swept(int read, int skipped) {
        swept.increment(read);
        sweepsSkipped.increment(skipped);
    }

    void pushesDropped(int count) {
        pushesDropped.increment(count);
    }

    void readFailed() {
        readsFailed.increment();
    }
}
