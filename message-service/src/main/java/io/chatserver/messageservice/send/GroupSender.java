package io.chatserver.messageservice.send;

import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.directory.GroupDirectory;
import io.chatserver.messageservice.fanout.GroupPosts;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * A group send (A6): check the sender against the group's current members (and a reply against
 * the group's history), claim the group's next seq, store the message once (the group's history), hand it to Kafka keyed by group, then answer.
 * The fan-out to the members' devices happens behind Kafka ({@code fanout}). Each step is safe to
 * repeat: a retry with the same client id finds the claim, writes the same history rows and
 * publishes again; the fan-out writes the same inbox entries.
 */
@Component
final class GroupSender {

    private final GroupDirectory groups;
    private final ConversationLog log;
    private final GroupPosts posts;
    private final ReplyCheck replies;
    private final SendGrants grants;

    GroupSender(GroupDirectory groups, ConversationLog log, GroupPosts posts, ReplyCheck replies, SendGrants grants) {
        this.groups = groups;
        this.log = log;
        this.posts = posts;
        this.replies = replies;
        this.grants = grants;
    }

    Mono<MessageSent> store(SendValidation.ValidSend send) {
        GroupConversation conversation = new GroupConversation(send.group());
        return groups.members(send.group()).flatMap(group -> {
            ChatException refusal = refusal(send, group);
            Mono<Boolean> allowed = refusal == null ? Mono.just(true)
                    // A retry of a message stored before the sender was removed (or admins-only was set)
                    // must finish what the first attempt began, not be refused half-way.
                    : log.claimed(conversation, send.clientKey())
                            .flatMap(stored -> stored ? Mono.just(true) : Mono.error(refusal));
            // Stored and published in the group's turn: one instance hands a group's messages to Kafka in seq order.
            // The members it is checked against may fetch its files before it is stored (a retry of a
            // stored one granted them the first time: a member who joined since gets none).
            return allowed.then(replies.original(send, conversation)).flatMap(original -> grants.beforeStoring(send,
                    conversation, group.userIds()).then(Mono.defer(() -> log.append(conversation, send.clientKey(),
                    MessageFingerprint.of(send.message()),
                    allocation -> storeAndPublish(send, conversation, allocation, original, group)))));
        });
    }


    /** Why this member may not send to the group now; null when they may. */
    private static ChatException refusal(SendValidation.ValidSend send, GroupDirectory.GroupMembers group) {
        Optional<GroupDirectory.Member> sender = group.member(send.sender());
        if (sender.isEmpty()) {
            return new ChatException(ErrorCode.GROUP_NOT_FOUND, "no group " + send.group() + " of yours");
        }
        if (group.onlyAdminsSend() && !sender.get().admin()) {
            return new ChatException(ErrorCode.GROUP_SEND_ADMINS_ONLY, "only admins may send to group " + send.group());
        }
        return null;
    }

    private Mono<MessageSent> storeAndPublish(SendValidation.ValidSend send, GroupConversation conversation,
            Allocation allocation, Optional<ChatMessage> original, GroupDirectory.GroupMembers group) {
        ServerFrame frame = ServerFrame.newBuilder()
                .setMessage(MessageFrames.message(send, conversation, allocation, original)).build();
        List<String> members = group.userIds().stream().map(Object::toString).toList();
        return posts.post(conversation, allocation, frame, members, group.version())
                .thenReturn(MessageFrames.sent(send, conversation, allocation));
    }
}
