package io.chatserver.messageservice.inbox;

import io.chatserver.platform.inbox.InboxMarks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chatserver.messageservice.push.InboxPush;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Collection;

/**
 * Store first, then wake the devices up: the store is the truth, the push only saves a read. The
 * inboxes' marks are set as the write starts (not after it: a crash in between must still leave
 * a mark), so a handler whose push was lost finds the entry at its next sweep.
 */
@Component
public final class InboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(InboxDelivery.class);

    private final InboxStore store;
    private final InboxPush push;
    private final InboxMarks marks;
    private final Counter marksFailed;

    InboxDelivery(InboxStore store, InboxPush push, InboxMarks marks, MeterRegistry meters) {
        this.store = store;
        this.push = push;
        this.marks = marks;
        this.marksFailed = meters.counter("chat.inbox.marks.failed");
    }

    /** Completes once every inbox has the entry; pushes after that without waiting for them. */
    public Mono<Void> deliver(Collection<DeviceAddress> inboxes, InboxEntry entry, long writeMicros) {
        return Mono.defer(() -> {
            mark(inboxes, writeMicros); // sent before the write starts, on every (re)subscription
            return store.write(inboxes, entry, writeMicros);
        }).doOnSuccess(done -> push.push(inboxes, entry.frame()));
    }

    /** For a repeated send: the entries are written again (a no-op where acknowledged), nobody is woken twice. */
    public Mono<Void> rewrite(Collection<DeviceAddress> inboxes, InboxEntry entry, long writeMicros) {
        return Mono.defer(() -> {
            mark(inboxes, writeMicros);
            return store.write(inboxes, entry, writeMicros);
        });
    }

    /**
     * Does not fail the write: without Redis the push is lost as well, and the handler, whose
     * subscription to Redis dropped too, sweeps every connection when it is back.
     */
    private void mark(Collection<DeviceAddress> inboxes, long writeMicros) {
        marks.touch(inboxes.stream().map(inbox -> InboxMarks.key(inbox.userId(), inbox.deviceId())).toList(),
                        writeMicros / 1000)
                .onErrorResume(error -> {
                    marksFailed.increment();
                    log.warn("could not mark {} inboxes as written: {}", inboxes.size(), error.toString());
                    return Mono.empty();
                })
                .subscribe();
    }
}
