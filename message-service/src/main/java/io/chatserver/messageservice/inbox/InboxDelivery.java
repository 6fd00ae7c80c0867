package io.chatserver.messageservice.inbox;

import io.chatserver.messageservice.push.InboxPush;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Collection;

/** Store first, then wake the devices up: the store is the truth, the push only saves a read. */
@Component
public final class InboxDelivery {

    private final InboxStore store;
    private final InboxPush push;

    InboxDelivery(InboxStore store, InboxPush push) {
        this.store = store;
        this.push = push;
    }

    /** Completes once every inbox has the entry; pushes after that without waiting for them. */
    public Mono<Void> deliver(Collection<DeviceAddress> inboxes, InboxEntry entry, long writeMicros) {
        return store.write(inboxes, entry, writeMicros).doOnSuccess(done -> push.push(inboxes, entry.frame()));
    }

    /** For a repeated send: the entries are written again (a no-op where acknowledged), nobody is woken twice. */
    public Mono<Void> rewrite(Collection<DeviceAddress> inboxes, InboxEntry entry, long writeMicros) {
        return store.write(inboxes, entry, writeMicros);
    }
}
