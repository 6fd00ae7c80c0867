package io.chatserver.messageservice.fanout;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.util.Comparator;
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
    static final String LATE = "chat.fanout.late";
    static final Comparator<GroupFanout> BY_SEQ = Comparator.comparingLong(record -> record.getFrame().getMessage().getSeq());
    private static final Duration FANOUT_TAG_TIMEOUT = Duration.ofSeconds(3);

    private final DeviceDirectory directory;
    private final InboxDelivery delivery;
    private final Clock clock;
    private final Counter messages;
    private final Counter deliveries;
    private final Timer delay;
    private final Counter late;
    /** Per group, the highest seq fanned out here lately: tells a late record (see {@link #LATE}). */
    private final Cache<String, Long> highestSeq = Caffeine.newBuilder().maximumSize(100_000).build();

    GroupFanoutDelivery(DeviceDirectory directory, InboxDelivery delivery, Clock clock, MeterRegistry meters) {
        this.directory = directory;
        this.delivery = delivery;
        this.clock = clock;
        this.messages = meters.counter(MESSAGES);
        this.deliveries = meters.counter(DELIVERIES);
        this.delay = Timer.builder(DELAY).description("From a group message's send to its last inbox write")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.late = Counter.builder(LATE)
                .description("Group messages fanned out after a higher seq of their group (published out of order)")
                .register(meters);
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
                countIfLate(message);
                messages.increment();
                deliveries.increment(inboxes.size());
                delay.record(Duration.ofMillis(Math.max(0, clock.millis() - message.getSentAtMs())));
            });
        });
    }

    /**
     * Records of a group come out of one batch in seq order; across batches a record can still come
     * after a higher seq (a send retried after its publish failed, two instances publishing at once).
     * The devices put it in its place by seq; the members' delivered marks ran ahead of it meanwhile.
     */
    private void countIfLate(ChatMessage message) {
        long highest = highestSeq.asMap().merge(message.getConversationId(), message.getSeq(), Math::max);
        if (highest > message.getSeq()) {
            late.increment();
        }
    }
}
