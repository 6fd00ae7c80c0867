package io.chatserver.messageservice.inbox;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.receipt.ReceiptIssuer;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.messageservice.conversation.ConversationId;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.receipt.MemberMarks;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.internal.v1.AckedEntry;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.ReceiptType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A device acknowledged entries: remove them from its inbox, and tell each sender (all their
 * devices) which seqs arrived, one DELIVERED receipt per conversation; for group messages, raise
 * the member's delivered watermark instead.
 */
@Component
final class AckService {

    private final InboxStore store;
    private final ReceiptIssuer receipts;
    private final MessagingProperties properties;
    private final MemberMarks marks;

    AckService(InboxStore store, ReceiptIssuer receipts, MessagingProperties properties, MemberMarks marks) {
        this.store = store;
        this.receipts = receipts;
        this.properties = properties;
        this.marks = marks;
    }

    Mono<Integer> acknowledge(DeviceAddress inbox, List<String> ids) {
        return acknowledge(inbox, ids, List.of());
    }

    /**
     * As above; {@code described} are what the caller (the handler that delivered them) knows of
     * some of the ids, and those are not read back. Described ids not among {@code ids} are ignored.
     */
    Mono<Integer> acknowledge(DeviceAddress inbox, List<String> ids, List<AckedEntry> described) {
        if (ids.isEmpty() || ids.size() > properties.maxAckIds()) {
            return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED,
                    "between 1 and " + properties.maxAckIds() + " ids per acknowledgement"));
        }
        List<UUID> entryIds = ids.stream().distinct().map(AckService::entryId).toList();
        Set<UUID> wanted = new HashSet<>(entryIds);
        Map<UUID, Delivered> known = new HashMap<>();
        for (AckedEntry entry : described) {
            UUID id = TimeUuids.parse(entry.getId()).orElse(null);
            Delivered delivered = Delivered.of(entry, inbox);
            if (id != null && wanted.contains(id) && delivered != null) {
                known.put(id, delivered);
            }
        }
        List<UUID> unknown = entryIds.stream().filter(id -> !known.containsKey(id)).toList();
        Mono<List<Delivered>> read = unknown.isEmpty() ? Mono.just(List.of())
                : store.find(inbox, unknown).map(found -> found.stream().map(Delivered::of).toList());
        // Receipts go out before the delete: a failure in between means the device acks again, finds
        // the entries still there, and a receipt sent twice for the same seqs changes nothing on the
        // sender's side. The other way round, a failed receipt would be lost with the deleted entries.
        return read.flatMap(found -> {
            List<Delivered> removed = new ArrayList<>(known.values());
            removed.addAll(found);
            return Mono.when(deliveredReceipts(inbox, removed), groupWatermarks(inbox, removed))
                    .then(store.delete(inbox, entryIds))
                    .thenReturn(removed.size());
        });
    }

    private static UUID entryId(String id) {
        return TimeUuids.parse(id)
                .orElseThrow(() -> new ChatException(ErrorCode.VALIDATION_FAILED, "not an inbox entry id: " + id));
    }

    private Mono<Void> deliveredReceipts(DeviceAddress inbox, List<Delivered> removed) {
        // Group messages get no DELIVERED receipt per device: 255 members would send one each.
        Map<ConversationSender, List<Long>> seqs = removed.stream()
                .filter(entry -> entry.sender() != null && !entry.sender().equals(inbox.userId()))
                .filter(entry -> ConversationId.parse(entry.conversationId()).isPresent())
                .collect(Collectors.groupingBy(entry -> new ConversationSender(entry.conversationId(),
                        entry.sender()), Collectors.mapping(Delivered::seq, Collectors.toList())));
        return Flux.fromIterable(seqs.entrySet())
                .flatMap(group -> receipts.issue(Receipt.newBuilder()
                        .setType(ReceiptType.DELIVERED)
                        .setConversationId(group.getKey().conversationId())
                        .setFromUserId(inbox.userId().toString())
                        .setFromDeviceId(inbox.deviceId())
                        .addAllSeqs(group.getValue().stream().sorted().toList()),
                        List.of(group.getKey().sender()), inbox))
                .then();
    }

    /** Group messages raise the member's delivered watermark instead: one write per group, whatever the count. */
    private Mono<Void> groupWatermarks(DeviceAddress inbox, List<Delivered> removed) {
        Map<GroupConversation, Long> highest = new HashMap<>();
        for (Delivered entry : removed) {
            if (entry.conversationId() != null) {
                GroupConversation.parse(entry.conversationId())
                        .ifPresent(group -> highest.merge(group, entry.seq(), Math::max));
            }
        }
        return Flux.fromIterable(highest.entrySet())
                .flatMap(group -> marks.raiseDelivered(group.getKey(), inbox.userId(), group.getValue()))
                .then();
    }

    /** An acknowledged entry as far as receipts go: a message has a sender to tell, a receipt none. */
    private record Delivered(String conversationId, UUID sender, long seq) {

        static Delivered of(InboxEntry entry) {
            return entry.kind() == InboxEntry.Kind.MESSAGE
                    ? new Delivered(entry.conversationId(), entry.sender().userId(), entry.seq())
                    : new Delivered(null, null, 0);
        }

        /**
         * What the handler says it delivered, or null when that cannot be a message of this inbox
         * (then the row is read back instead): the conversation must be the sender's with the
         * inbox's user, or a group's, and the seq positive.
         */
        static Delivered of(AckedEntry entry, DeviceAddress inbox) {
            if (entry.getReceipt()) {
                return new Delivered(null, null, 0);
            }
            UUID sender;
            try {
                sender = UUID.fromString(entry.getSenderUserId());
            } catch (IllegalArgumentException e) {
                return null;
            }
            boolean fits = entry.getSeq() > 0 && (ConversationId.parse(entry.getConversationId())
                    .filter(conversation -> conversation.equals(ConversationId.direct(sender, inbox.userId())))
                    .isPresent() || GroupConversation.parse(entry.getConversationId()).isPresent());
            return fits ? new Delivered(entry.getConversationId(), sender, entry.getSeq()) : null;
        }
    }

    private record ConversationSender(String conversationId, UUID sender) {
    }
}
