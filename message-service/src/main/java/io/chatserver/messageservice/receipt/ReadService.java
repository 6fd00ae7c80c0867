package io.chatserver.messageservice.receipt;

import io.chatserver.messageservice.conversation.ConversationId;
import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.conversation.Participation;
import io.chatserver.messageservice.inbox.DeviceAddress;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.internal.v1.ReadRequest;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.ReceiptType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * "Read up to seq N" (R12): a watermark, not one receipt per message. It goes to the other
 * participant's devices and to the reader's other devices (so they clear their unread count), and
 * only when it rises: a repeated or older mark is accepted and changes nothing.
 */
@Component
final class ReadService {

    private final ConversationLog log;
    private final ReadMarkers markers;
    private final ReceiptIssuer receipts;
    private final GroupReceipts groups;

    ReadService(ConversationLog log, ReadMarkers markers, ReceiptIssuer receipts, GroupReceipts groups) {
        this.log = log;
        this.markers = markers;
        this.receipts = receipts;
        this.groups = groups;
    }

    Mono<Void> markRead(ReadRequest request) {
        UUID reader = CallerIds.user(request.getReaderUserId(), "readerUserId");
        CallerIds.device(request.getReaderDeviceId(), "readerDeviceId");
        Optional<GroupConversation> group = GroupConversation.parse(request.getConversationId());
        if (group.isPresent()) {
            return groups.markRead(group.get(), reader, request.getReaderDeviceId(), request.getUpToSeq());
        }
        ConversationId conversation = Participation.of(request.getConversationId(), reader);
        if (request.getUpToSeq() < 1) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "upToSeq must be at least 1");
        }
        return log.lastSeq(conversation).flatMap(lastSeq -> {
            if (request.getUpToSeq() > lastSeq) {
                return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED,
                        "upToSeq " + request.getUpToSeq() + " is past the conversation's last seq " + lastSeq));
            }
            return markers.readUpTo(conversation, reader).flatMap(current -> request.getUpToSeq() <= current
                    ? Mono.<Void>empty()
                    : markers.raise(conversation, reader, request.getUpToSeq())
                            .then(receipts.issue(Receipt.newBuilder()
                                    .setType(ReceiptType.READ)
                                    .setConversationId(conversation.toString())
                                    .setFromUserId(reader.toString())
                                    .setFromDeviceId(request.getReaderDeviceId())
                                    .setReadUpToSeq(request.getUpToSeq()),
                                    participants(conversation),
                                    new DeviceAddress(reader, request.getReaderDeviceId()))));
        });
    }

    private static Set<UUID> participants(ConversationId conversation) {
        return new LinkedHashSet<>(List.of(conversation.first(), conversation.second()));
    }
}
