package io.chatserver.messageservice.send;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.MessageSent;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Signal;

/** chat.messages.sent{outcome}: stored, duplicate, or the error code's name. */
@Component
final class SendMetrics {

    private final MeterRegistry meters;

    SendMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(Signal<MessageSent> signal) {
        String outcome;
        if (signal.isOnNext()) {
            outcome = signal.get().getDuplicate() ? "duplicate" : "stored";
        } else if (signal.isOnError()) {
            outcome = signal.getThrowable() instanceof ChatException e ? e.code().name() : "INTERNAL";
        } else {
            return;
        }
        meters.counter("chat.messages.sent", "outcome", outcome).increment();
    }
}
