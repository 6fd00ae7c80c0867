package io.chatserver.messageservice.groupchange;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.fanout.FanoutPublisher;
import io.chatserver.messageservice.history.HistoryStore;
import io.chatserver.messageservice.send.MessageFingerprint;
import io.chatserver.protocol.internal.v1.GroupChangeEvent;
import io.chatserver.protocol.internal.v1.GroupFanout;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * A group change becomes a system message of the group: the next seq (claimed once per group and
 * version, so a change relayed twice is one message), the group's history, then the same fan-out as
 * a message a member sent, to the event's recipients (the members, and whoever the change removed).
 * Every device of the actor gets it too: no device sent it.
 */
@Component
final class SystemMessages {

    private final MessagingProperties properties;
    private final ConversationLog log;
    private final HistoryStore history;
    private final FanoutPublisher publisher;

    SystemMessages(MessagingProperties properties, ConversationLog log, HistoryStore history,
            FanoutPublisher publisher) {
        this.properties = properties;
        this.log = log;
        this.history = history;
        this.publisher = publisher;
    }

    Mono<Void> post(GroupChangeEvent event) {
        UUID groupId = UUID.fromString(event.getGroupId());
        GroupConversation conversation = new GroupConversation(groupId);
        String claim = "system/" + event.getChange().getVersion();
        return log.append(conversation, claim, MessageFingerprint.of(event.getChange().toByteArray()),
                allocation -> storeAndPublish(event, groupId, conversation, allocation));
    }

    private Mono<Void> storeAndPublish(GroupChangeEvent event, UUID groupId, GroupConversation conversation,
            Allocation allocation) {
        ChatMessage message = ChatMessage.newBuilder()
                .setMessageId(allocation.messageId().toString())
                .setConversationId(conversation.toString())
                .setSeq(allocation.seq())
                .setSenderUserId(event.getChange().getActorUserId())
                .setGroupId(groupId.toString())
                .setGroupChange(event.getChange())
                .setSentAtMs(allocation.micros() / 1000)
                .build();
        ServerFrame frame = ServerFrame.newBuilder().setMessage(message).build();
        int ttl = properties.retention() == MessagingProperties.Retention.HISTORY ? 0 : properties.inboxTtlSeconds();
        GroupFanout record = GroupFanout.newBuilder()
                .setFrame(frame)
                .addAllMemberUserIds(event.getRecipientUserIdsList())
                .setGroupVersion(event.getChange().getVersion())
                .setWriteMicros(allocation.micros())
                .build();
        return history.write(conversation, allocation, frame, ttl).then(publisher.publish(groupId, record));
    }
}
