package io.chatserver.messageservice.send;

import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.Conversation;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.MessageSent;

import java.util.Optional;

/** What a stored send becomes: the message its recipients receive, and the sender's answer. */
final class MessageFrames {

    private MessageFrames() {
    }

    /**
     * The message as stored and delivered, addressed to the recipient or to the group, naming the
     * author of the message it replies to when the server found that one.
     */
    static ChatMessage message(SendValidation.ValidSend send, Conversation conversation, Allocation allocation,
            Optional<ChatMessage> original) {
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
                .setReplyToConversationId(send.message().getReplyToConversationId())
                .addAllAttachments(send.message().getAttachmentsList())
                .setSentAtMs(allocation.micros() / 1000);
        original.ifPresent(replied -> message.setReplyToSenderUserId(replied.getSenderUserId()));
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
