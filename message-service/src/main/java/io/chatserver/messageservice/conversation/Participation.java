package io.chatserver.messageservice.conversation;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;

import java.util.UUID;

/** A conversation id from a client, accepted only when it is well-formed and the caller takes part. */
public final class Participation {

    private Participation() {
    }

    /** The conversation, or 2006 (the same for "no such id" and "not yours": nothing leaks). */
    public static ConversationId of(String conversationId, UUID caller) {
        return ConversationId.parse(conversationId).filter(conversation -> conversation.includes(caller))
                .orElseThrow(() -> new ChatException(ErrorCode.MESSAGE_CONVERSATION_UNKNOWN,
                        "no conversation " + conversationId + " of yours"));
    }
}
