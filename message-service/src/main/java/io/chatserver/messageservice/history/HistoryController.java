package io.chatserver.messageservice.history;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.ProtobufJson;
import io.chatserver.messageservice.conversation.Conversation;
import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.security.AuthenticatedDevice;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.HistoryPage;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * A conversation's messages, newest first, page by page, and one message by id (retention mode
 * "history", A4 Messenger style); in relay mode 2007, since delivered messages are gone.
 * Participants only (2006); in a group, current members, from their join on ({@link HistoryAccess}).
 */
@RestController
final class HistoryController {

    private final HistoryStore history;
    private final HistoryAccess access;
    private final ConversationLog log;
    private final MessagingProperties properties;

    HistoryController(HistoryStore history, HistoryAccess access, ConversationLog log, MessagingProperties properties) {
        this.history = history;
        this.access = access;
        this.log = log;
        this.properties = properties;
    }

    @GetMapping("/v1/conversations/{conversationId}/messages")
    Mono<ResponseEntity<String>> page(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable String conversationId, @RequestParam(required = false) Long beforeSeq,
            @RequestParam(defaultValue = "50") int limit) {
        return Mono.defer(() -> {
            requireHistory();
            if (limit < 1 || limit > properties.maxPageSize()) {
                throw new ChatException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + properties.maxPageSize());
            }
            if (beforeSeq != null && beforeSeq < 1) {
                throw new ChatException(ErrorCode.VALIDATION_FAILED, "beforeSeq must be 1 or more");
            }
            return access.of(conversationId, device.userId());
        }).flatMap(readable -> {
            Conversation conversation = readable.conversation();
            // Never above the last seq: a huge beforeSeq would otherwise walk every empty bucket below it.
            return log.lastSeq(conversation).map(last -> beforeSeq == null ? last + 1 : Math.min(beforeSeq, last + 1))
                    .flatMap(before -> history.newestBefore(conversation, before, readable.fromSeq(), limit))
                    .map(messages -> ProtobufJson.ok(HistoryPage.newBuilder().addAllMessages(messages)
                            .setNextBeforeSeq(next(messages, limit, readable)).build()));
        });
    }

    /** One kept message by its id, for the conversation's participants (2006 for anyone else). */
    @GetMapping("/v1/conversations/{conversationId}/messages/{messageId}")
    Mono<ResponseEntity<String>> one(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable String conversationId, @PathVariable String messageId) {
        return Mono.defer(() -> {
            requireHistory();
            return access.of(conversationId, device.userId());
        }).flatMap(readable -> {
            UUID id = TimeUuids.parse(messageId).orElseThrow(
                    () -> new ChatException(ErrorCode.VALIDATION_FAILED, "not a message id: " + messageId));
            return history.byId(readable.conversation(), id)
                    .filter(message -> readable.includes(message.getSeq()))
                    .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND,
                            "no message " + messageId + " in this conversation")))
                    .map(ProtobufJson::ok);
        });
    }

    private void requireHistory() {
        if (properties.retention() != MessagingProperties.Retention.HISTORY) {
            throw new ChatException(ErrorCode.MESSAGE_HISTORY_DISABLED, "this server runs in relay mode");
        }
    }

    /** Where the next (older) page starts; 0 when this one reached the first readable seq or ran out. */
    private static long next(List<ChatMessage> messages, int limit, HistoryAccess.Readable readable) {
        if (messages.size() < limit) {
            return 0;
        }
        long oldest = messages.get(messages.size() - 1).getSeq();
        return oldest > readable.fromSeq() ? oldest : 0;
    }
}
