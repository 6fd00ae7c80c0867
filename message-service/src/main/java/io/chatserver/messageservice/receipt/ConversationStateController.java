package io.chatserver.messageservice.receipt;

import io.chatserver.messageservice.ProtobufJson;
import io.chatserver.messageservice.conversation.ConversationId;
import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.conversation.Participation;
import io.chatserver.platform.security.AuthenticatedDevice;
import io.chatserver.protocol.v1.ConversationState;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Where a conversation stands for the caller (A3 "by status"): its newest seq and both read
 * watermarks, so an app can show read marks for every message at once (seq at or below the
 * peer's watermark: read) and resume its own unread count. Participants only (2006).
 */
@RestController
final class ConversationStateController {

    private final ConversationLog log;
    private final ReadMarkers markers;

    ConversationStateController(ConversationLog log, ReadMarkers markers) {
        this.log = log;
        this.markers = markers;
    }

    @GetMapping("/v1/conversations/{conversationId}")
    Mono<ResponseEntity<String>> state(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable String conversationId) {
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
}
