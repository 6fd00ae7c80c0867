package io.chatserver.messageservice.send;

import io.chatserver.messageservice.attachment.AssetGrants;
import io.chatserver.messageservice.conversation.Conversation;
import io.chatserver.messageservice.conversation.ConversationLog;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * Before a message with attachments is stored: its recipients may fetch them. Not for a retry of a
 * stored message: its grants were made the first time (to whom it went then; a group member who
 * joined since gets none), and its answer must not wait on asset-service again.
 */
@Component
final class SendGrants {

    private final ConversationLog log;
    private final AssetGrants grants;

    SendGrants(ConversationLog log, AssetGrants grants) {
        this.log = log;
        this.grants = grants;
    }

    Mono<Void> beforeStoring(SendValidation.ValidSend send, Conversation conversation, List<UUID> recipients) {
        if (send.message().getAttachmentsCount() == 0) {
            return Mono.empty();
        }
        return log.claimed(conversation, send.clientKey()).flatMap(stored -> stored ? Mono.empty()
                : grants.grant(send.sender(), recipients, send.message().getAttachmentsList()));
    }
}
