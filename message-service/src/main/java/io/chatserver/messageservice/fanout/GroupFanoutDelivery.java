package io.chatserver.messageservice.fanout;

import io.chatserver.messageservice.directory.DeviceDirectory;
import io.chatserver.messageservice.inbox.DeviceAddress;
import io.chatserver.messageservice.inbox.InboxDelivery;
import io.chatserver.messageservice.inbox.InboxEntry;
import io.chatserver.protocol.internal.v1.GroupFanout;
import io.chatserver.protocol.v1.ChatMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One group message to every device of every member it was sent to, except the device that sent
 * it: stored in each inbox, then pushed (as a one-to-one message is). Idempotent: the entries carry
 * the message's id and write time, so a record Kafka delivers twice writes no new row, and an entry
 * a device already acknowledged stays deleted; its devices are pushed again, and ws-handler never
 * sends an id twice on one connection.
 */
@Component
final class GroupFanoutDelivery {

    static final String MESSAGES = "chat.fanout.messages";
    static final String DELIVERIES = "chat.fanout.deliveries";
    static final String DELAY = "chat.fanout.delay";
    private static final Duration FANOUT_TAG_TIMEOUT = Duration.ofSeconds(3);

    private final DeviceDirectory directory;
    private final InboxDelivery delivery;
    private final Clock clock;
    private final Counter messages;
    private final Counter deliveries;
    private final Timer delay;

    GroupFanoutDelivery(DeviceDirectory directory, InboxDelivery delivery, Clock clock, MeterRegistry meters) {
        this.directory = directory;
        this.delivery = delivery;
        this.clock = clock;
        this.messages = meters.counter(MESSAGES);
        this.deliveries = meters.counter(DELIVERIES);
        this.delay = Timer.builder(DELAY).description("From a group message's send to its last inbox write")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    Mono<Void> deliver(GroupFanout record) {
        ChatMessage message = record.getFrame().getMessage();
        DeviceAddress sender = new DeviceAddress(UUID.fromString(message.getSenderUserId()),
                message.getSenderDeviceId());
        List<UUID> members = record.getMemberUserIdsList().stream().map(UUID::fromString).toList();
        var entry = new InboxEntry(UUID.fromString(message.getMessageId()), InboxEntry.Kind.MESSAGE,
                message.getConversationId(), sender, message.getSeq(), record.getFrame());
        return directory.devices(members, FANOUT_TAG_TIMEOUT).flatMap(devices -> {
            Set<DeviceAddress> inboxes = new LinkedHashSet<>();
            devices.forEach((user, ids) -> ids.forEach(device -> inboxes.add(new DeviceAddress(user, device))));
            inboxes.remove(sender);
            return delivery.deliver(inboxes, entry, record.getWriteMicros()).doOnSuccess(done -> {
                messages.increment();
                deliveries.increment(inboxes.size());
                delay.record(Duration.ofMillis(Math.max(0, clock.millis() - message.getSentAtMs())));
            });
        });
    }
}
