package io.chatserver.messageservice.inbox;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.receipt.ReceiptIssuer;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.ReceiptType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A device acknowledged entries: remove them from its inbox, and tell each sender (all their
 * devices) which seqs arrived, one DELIVERED receipt per conversation.
 */
@Component
final class AckService {

    private final InboxStore store;
    private final ReceiptIssuer receipts;
    private final MessagingProperties properties;

    AckService(InboxStore store, ReceiptIssuer receipts, MessagingProperties properties) {
        this.store = store;
        this.receipts = receipts;
        this.properties = properties;
    }

    Mono<Integer> acknowledge(DeviceAddress inbox, List<String> ids) {
        if (ids.isEmpty() || ids.size() > properties.maxAckIds()) {
            return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED,
                    "between 1 and " + properties.maxAckIds() + " ids per acknowledgement"));
        }
        List<UUID> entryIds = ids.stream().distinct().map(id -> TimeUuids.parse(id)
                .orElseThrow(() -> new ChatException(ErrorCode.VALIDATION_FAILED, "not an inbox entry id: " + id)))
                .toList();
        // Receipts go out before the delete: a failure in between means the device acks again, finds
        // the entries still there, and a receipt sent twice for the same seqs changes nothing on the
        // sender's side. The other way round, a failed receipt would be lost with the deleted entries.
        return store.find(inbox, entryIds).flatMap(found -> deliveredReceipts(inbox, found)
                .then(store.delete(inbox, entryIds))
                .thenReturn(found.size()));
    }

    private Mono<Void> deliveredReceipts(DeviceAddress inbox, List<InboxEntry> removed) {
        Map<ConversationSender, List<Long>> seqs = removed.stream()
                .filter(entry -> entry.kind() == InboxEntry.Kind.MESSAGE)
                .filter(entry -> !entry.sender().userId().equals(inbox.userId()))
                .collect(Collectors.groupingBy(entry -> new ConversationSender(entry.conversationId(),
                        entry.sender().userId()), Collectors.mapping(InboxEntry::seq, Collectors.toList())));
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

    private record ConversationSender(String conversationId, UUID sender) {
    }
}
