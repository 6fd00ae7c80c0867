package io.chatserver.messageservice.receipt;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.conversation.Conversation;
import io.chatserver.messageservice.conversation.ConversationId;
import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.conversation.Participation;
import io.chatserver.messageservice.directory.GroupDirectory;
import io.chatserver.messageservice.history.HistoryStore;
import io.chatserver.messageservice.inbox.DeviceAddress;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.internal.v1.ViewedRequest;
import io.chatserver.protocol.v1.ChatMessage;
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
 * "I opened message seq" (R26 view once, R8 a voice note played): one VIEWED receipt to the
 * message's sender and the viewer's other devices, the first time only (again only if sending it
 * failed, or two devices marked it at the same moment). The clients say when they
 * open media: the server cannot know (the files may be encrypted, and a fetched URL is not a viewed
 * photo). Where the server keeps the message it checks that it is someone else's, with an attachment;
 * in relay mode a delivered one-to-one message is gone, so the receipt names a seq the sender checks.
 */
@Component
final class ViewService {

    private final ConversationLog log;
    private final HistoryStore history;
    private final GroupDirectory groups;
    private final ViewedMarks marks;
    private final ReceiptIssuer receipts;
    private final MessagingProperties properties;

    ViewService(ConversationLog log, HistoryStore history, GroupDirectory groups, ViewedMarks marks,
            ReceiptIssuer receipts, MessagingProperties properties) {
        this.log = log;
        this.history = history;
        this.groups = groups;
        this.marks = marks;
        this.receipts = receipts;
        this.properties = properties;
    }

    Mono<Void> markViewed(ViewedRequest request) {
        UUID viewer = CallerIds.user(request.getViewerUserId(), "viewerUserId");
        int device = CallerIds.device(request.getViewerDeviceId(), "viewerDeviceId");
        Optional<GroupConversation> group = GroupConversation.parse(request.getConversationId());
        Conversation conversation = group.isPresent() ? group.get() : Participation.of(request.getConversationId(), viewer);
        if (request.getSeq() < 1) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "seq must be at least 1");
        }
        Mono<Void> member = group.map(g -> groups.membersFor(g.groupId(), viewer).then()).orElse(Mono.empty());
        return member.then(author(conversation, request.getSeq(), viewer))
                .flatMap(author -> marks.toSend(conversation, request.getSeq(), viewer)
                        .flatMap(toSend -> !toSend ? Mono.<Void>empty() : receipts.issue(Receipt.newBuilder()
                                        .setType(ReceiptType.VIEWED)
                                        .setConversationId(conversation.toString())
                                        .setFromUserId(viewer.toString())
                                        .setFromDeviceId(device)
                                        .addSeqs(request.getSeq()),
                                recipients(author, viewer), new DeviceAddress(viewer, device))
                                .then(marks.sent(conversation, request.getSeq(), viewer))));
    }

    /** Who sent message seq: from the history where it is kept, else the other participant. */
    private Mono<UUID> author(Conversation conversation, long seq, UUID viewer) {
        return log.lastSeq(conversation).flatMap(lastSeq -> {
            if (seq > lastSeq) {
                return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED,
                        "seq " + seq + " is past the conversation's last seq " + lastSeq));
            }
            boolean kept = conversation instanceof GroupConversation
                    || properties.retention() == MessagingProperties.Retention.HISTORY;
            if (!kept) {
                return Mono.just(((ConversationId) conversation).peerOf(viewer));
            }
            return history.bySeq(conversation, seq)
                    .filter(message -> !message.getSenderUserId().equals(viewer.toString())
                            && message.getAttachmentsCount() > 0)
                    .map(ChatMessage::getSenderUserId)
                    .map(UUID::fromString)
                    .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND,
                            "no message " + seq + " with an attachment from another member in " + conversation)));
        });
    }

    private static Set<UUID> recipients(UUID author, UUID viewer) {
        return new LinkedHashSet<>(List.of(author, viewer));
    }
}
