package io.chatserver.messageservice.send;

import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.Conversation;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.MessageSent;

/** What a stored send becomes: the message its recipients receive, and the sender's answer. */
final class MessageFrames {

    private MessageFrames() {
    }

    /** The message as stored and delivered, addressed to the recipient or to the group. */
    static ChatMessage message(SendValidation.ValidSend send, Conversation conversation, Allocation allocation) {
        ChatMessage.Builder message = ChatMessage.newBuilder()
                .setMessageId(allocation.messageId().toString())
                .setConversationId(conversation.toString())
                .setSeq(allocation.seq())
                .setSenderUserId(send.sender().toString())
                .setSenderDeviceId(send.senderDevice())
                .setClientMessageId(send.message().getClientMessageId())
                .setContentType(send.message().getContentType())
                .setBody(send.message().getBody())
                .setReplyToId(send.message().getReplyToId())
                .setSentAtMs(allocation.micros() / 1000);
        if (send.group() != null) {
            message.setGroupId(send.group().toString());
        } else {
            message.setRecipientUserId(send.recipient().toString());
        }
        return message.build();
    }

    static MessageSent sent(SendValidation.ValidSend send, Conversation conversation, Allocation allocation) {
        return MessageSent.newBuilder()
                .setClientMessageId(send.message().getClientMessageId())
                .setMessageId(allocation.messageId().toString())
                .setConversationId(conversation.toString())
                .setSeq(allocation.seq())
                .setSentAtMs(allocation.micros() / 1000)
                .setDuplicate(allocation.duplicate())
                .build();
    }
}
