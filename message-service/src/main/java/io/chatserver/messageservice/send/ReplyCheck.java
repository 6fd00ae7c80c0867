package io.chatserver.messageservice.send;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.conversation.Conversation;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.directory.GroupDirectory;
import io.chatserver.messageservice.history.HistoryStore;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.UUID;

/**
 * Replies (R20, R25), checked against the messages the server keeps: a reply in a group must name a
 * message of that group; a private reply must name a message of a group the sender is in, and go to
 * its author. One-to-one messages are kept only in retention {@code history}; in {@code relay} a
 * reply to one is passed on as the client wrote it (the server has nothing to check it against).
 */
@Component
final class ReplyCheck {

    private final MessagingProperties properties;
    private final HistoryStore history;
    private final GroupDirectory groups;

    ReplyCheck(MessagingProperties properties, HistoryStore history, GroupDirectory groups) {
        this.properties = properties;
        this.history = history;
        this.groups = groups;
    }

    /** The message replied to, when there is one the server could check; 2009 when it is not there. */
    Mono<Optional<ChatMessage>> original(SendValidation.ValidSend send, Conversation conversation) {
        String replyTo = send.message().getReplyToId();
        if (replyTo.isEmpty()) {
            return Mono.just(Optional.empty());
        }
        String privateIn = send.message().getReplyToConversationId();
        if (!privateIn.isEmpty()) {
            GroupConversation group = GroupConversation.parse(privateIn).orElseThrow();
            return groups.members(group.groupId())
                    .onErrorMap(e -> e instanceof ChatException chat && chat.code() == ErrorCode.GROUP_NOT_FOUND,
                            e -> unknown(replyTo, privateIn))
                    .flatMap(members -> members.member(send.sender()).isEmpty()
                            ? Mono.error(unknown(replyTo, privateIn))
                            : find(group, replyTo))
                    .map(original -> {
                        if (!original.getSenderUserId().equals(send.recipient().toString())) {
                            throw new ChatException(ErrorCode.VALIDATION_FAILED,
                                    "a private reply goes to the author of the message it answers");
                        }
                        return Optional.of(original);
                    });
        }
        if (conversation instanceof GroupConversation
                || properties.retention() == MessagingProperties.Retention.HISTORY) {
            return find(conversation, replyTo).map(Optional::of);
        }
        return Mono.just(Optional.empty());
    }

    private Mono<ChatMessage> find(Conversation conversation, String replyTo) {
        UUID id = UUID.fromString(replyTo);
        if (id.version() != 1) { // message ids are time-based; no other kind can name one
            return Mono.error(unknown(replyTo, conversation.toString()));
        }
        return history.byId(conversation, id)
                .switchIfEmpty(Mono.error(() -> unknown(replyTo, conversation.toString())));
    }

    private static ChatException unknown(String replyTo, String conversation) {
        return new ChatException(ErrorCode.MESSAGE_REPLY_UNKNOWN, "no message " + replyTo + " in " + conversation);
    }
}
