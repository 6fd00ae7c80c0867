package io.chatserver.messageservice.receipt;

import io.chatserver.messageservice.directory.DeviceDirectory;
import io.chatserver.messageservice.inbox.DeviceAddress;
import io.chatserver.messageservice.inbox.InboxDelivery;
import io.chatserver.messageservice.inbox.InboxEntry;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Receipts travel like messages: stored in each target device's inbox, then pushed. */
@Component
public final class ReceiptIssuer {

    private final DeviceDirectory directory;
    private final InboxDelivery delivery;
    private final Clock clock;

    ReceiptIssuer(DeviceDirectory directory, InboxDelivery delivery, Clock clock) {
        this.directory = directory;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** To every device of each user in {@code users}, except {@code excluded} (the device it came from). */
    public Mono<Void> issue(Receipt.Builder receipt, Collection<UUID> users, DeviceAddress excluded) {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        UUID id = TimeUuids.fromMicros(micros);
        ServerFrame frame = ServerFrame.newBuilder()
                .setReceipt(receipt.setReceiptId(id.toString()).setAtMs(micros / 1000))
                .build();
        var entry = new InboxEntry(id, InboxEntry.Kind.RECEIPT, receipt.getConversationId(), null, 0, frame);
        return directory.devices(List.copyOf(users))
                .map(devices -> {
                    Set<DeviceAddress> targets = new LinkedHashSet<>();
                    devices.forEach((user, ids) -> ids.forEach(device -> targets.add(new DeviceAddress(user, device))));
                    return targets;
                })
                .flatMap(targets -> {
                    targets.remove(excluded);
                    return targets.isEmpty() ? Mono.empty() : delivery.deliver(targets, entry, micros);
                });
    }
}
