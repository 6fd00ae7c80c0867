package io.chatserver.messageservice.receipt;

import io.chatserver.messageservice.ProtobufJson;
import io.chatserver.messageservice.conversation.ConversationId;
import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.conversation.Participation;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.security.AuthenticatedDevice;
import io.chatserver.protocol.v1.ConversationState;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a conversation stands for the caller (A3 "by status"): its newest seq and both read
 * watermarks, so an app can show read marks for every message at once (seq at or below the
 * peer's watermark: read) and resume its own unread count; in a group, how far all other members
 * got and read, and per message who did. Participants only (2006).
 */
@RestController
final class ConversationStateController {

    private final ConversationLog log;
    private final ReadMarkers markers;
    private final GroupReceipts groups;

    ConversationStateController(ConversationLog log, ReadMarkers markers, GroupReceipts groups) {
        this.log = log;
        this.markers = markers;
        this.groups = groups;
    }

    @GetMapping("/v1/conversations/{conversationId}")
    Mono<ResponseEntity<String>> state(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable String conversationId) {
        Optional<GroupConversation> group = GroupConversation.parse(conversationId);
        if (group.isPresent()) {
            return groups.state(group.get(), device.userId()).map(ProtobufJson::ok);
        }
        return Mono.defer(() -> {
            ConversationId conversation = Participation.of(conversationId, device.userId());
            UUID peer = conversation.peerOf(device.userId());
            return Mono.zip(log.lastSeq(conversation), markers.readUpTo(conversation, device.userId()),
                    markers.readUpTo(conversation, peer)).map(state -> ProtobufJson.ok(ConversationState.newBuilder()
                    .setConversationId(conversation.toString())
                    .setPeerUserId(peer.toString())
                    .setLastSeq(state.getT1())
                    .setReadUpToSeq(state.getT2())
                    .setPeerReadUpToSeq(state.getT3())
                    .build()));
        });
    }

    /** Message info of a group message: which other members got it and read it; its sender only. */
    @GetMapping("/v1/conversations/{conversationId}/receipts")
    Mono<ResponseEntity<String>> receipts(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable String conversationId, @RequestParam long seq) {
        return Mono.defer(() -> {
            GroupConversation group = GroupConversation.parse(conversationId).orElseThrow(() -> new ChatException(
                    ErrorCode.MESSAGE_CONVERSATION_UNKNOWN, "receipts are asked for in group conversations"));
            if (seq < 1) {
                throw new ChatException(ErrorCode.VALIDATION_FAILED, "seq must be 1 or more");
            }
            return groups.receipts(group, device.userId(), seq).map(ProtobufJson::ok);
        });
    }
}
