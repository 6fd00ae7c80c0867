package io.chatserver.messageservice.send;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.queue.QueueMonitor;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the sends this instance works on at once ({@code chat.queue.send.inflight}). Past the bound
 * a send is refused before anything is written, with the retryable 2004: under a burst the sender's
 * retry (same client id) lands later, instead of every send slowing down together.
 */
@Component
final class SendsInFlight {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int max;

    SendsInFlight(MessagingProperties properties, QueueMonitor queues) {
        this.max = properties.maxSendsInFlight();
        queues.register("send.inflight", "Sends being stored by this instance", inFlight::get,
                Math.max(1, max * 3L / 4));
    }

    <T> Mono<T> run(Mono<T> send) {
        return Mono.defer(() -> {
            if (inFlight.incrementAndGet() > max) {
                inFlight.decrementAndGet();
                return Mono.error(new ChatException(ErrorCode.MESSAGE_STORE_UNAVAILABLE,
                        "too many messages are being stored right now; retry with the same client message id"));
            }
            return send.doFinally(signal -> inFlight.decrementAndGet());
        });
    }
}
