package io.chatserver.messageservice.conversation;

/**
 * A conversation as the message store keys it: {@code d:...} for two users, {@code g:...} for a
 * group. Its string form is the conversation id clients see and every table's key.
 */
public sealed interface Conversation permits ConversationId, GroupConversation {

    @Override
    String toString();
}
