package io.chatserver.messageservice.groupchange;

import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.fanout.GroupPosts;
import io.chatserver.messageservice.send.MessageFingerprint;
import io.chatserver.protocol.internal.v1.GroupChangeEvent;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * A group change becomes a system message of the group: the next seq (claimed once per group and
 * version, so a change relayed twice is one message), then the group's history and the same fan-out
 * as a message a member sent, to the event's recipients (the members, and whoever the change
 * removed), at the change's version. Every device of the actor gets it too: no device sent it.
 */
@Component
final class SystemMessages {

    private final ConversationLog log;
    private final GroupPosts posts;

    SystemMessages(ConversationLog log, GroupPosts posts) {
        this.log = log;
        this.posts = posts;
    }

    Mono<Void> post(GroupChangeEvent event) {
        UUID groupId = UUID.fromString(event.getGroupId());
        GroupConversation conversation = new GroupConversation(groupId);
        String claim = "system/" + event.getChange().getVersion();
        return log.append(conversation, claim, MessageFingerprint.of(event.getChange().toByteArray()),
                allocation -> posts.post(conversation, allocation, frame(event, groupId, conversation, allocation),
                        event.getRecipientUserIdsList(), event.getChange().getVersion()));
    }

    private static ServerFrame frame(GroupChangeEvent event, UUID groupId, GroupConversation conversation,
            Allocation allocation) {
        return ServerFrame.newBuilder().setMessage(ChatMessage.newBuilder()
                .setMessageId(allocation.messageId().toString())
                .setConversationId(conversation.toString())
                .setSeq(allocation.seq())
                .setSenderUserId(event.getChange().getActorUserId())
                .setGroupId(groupId.toString())
                .setGroupChange(event.getChange())
                .setSentAtMs(allocation.micros() / 1000))
                .build();
    }
}
