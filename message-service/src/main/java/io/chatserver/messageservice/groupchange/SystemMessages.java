package io.chatserver.messageservice.groupchange;

import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.fanout.GroupPosts;
import io.chatserver.messageservice.receipt.MemberMarks;
import io.chatserver.messageservice.send.MessageFingerprint;
import io.chatserver.protocol.internal.v1.GroupChangeEvent;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.GroupChange;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * A group change becomes a system message of the group: the next seq (claimed once per group and
 * version, so a change relayed twice is one message), the join of whoever it brought in (their
 * history starts at it), then the group's history and the same fan-out as a message a member sent,
 * to the event's recipients (the members, and whoever the change removed). Every device of the actor
 * gets it too: no device sent it.
 */
@Component
final class SystemMessages {

    private final ConversationLog log;
    private final GroupPosts posts;
    private final MemberMarks marks;

    SystemMessages(ConversationLog log, GroupPosts posts, MemberMarks marks) {
        this.log = log;
        this.posts = posts;
        this.marks = marks;
    }

    Mono<Void> post(GroupChangeEvent event) {
        UUID groupId = UUID.fromString(event.getGroupId());
        GroupConversation conversation = new GroupConversation(groupId);
        String claim = "system/" + event.getChange().getVersion();
        return log.append(conversation, claim, MessageFingerprint.of(event.getChange().toByteArray()),
                allocation -> marks.recordJoin(conversation, joiners(event.getChange()), allocation.seq())
                        .then(posts.post(conversation, allocation, frame(event, groupId, conversation, allocation),
                                event.getRecipientUserIdsList(), event.getChange().getVersion())));
    }

    /** Who the change brought in: the creator, those added, whoever joined by link. */
    static List<UUID> joiners(GroupChange change) {
        return switch (change.getKind()) {
            case CREATED, JOINED -> List.of(UUID.fromString(change.getActorUserId()));
            case ADDED -> change.getSubjectUserIdsList().stream().map(UUID::fromString).toList();
            default -> List.of();
        };
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
