package io.chatserver.messageservice.history;

import io.chatserver.messageservice.conversation.Conversation;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.conversation.Participation;
import io.chatserver.messageservice.directory.GroupDirectory;
import io.chatserver.messageservice.receipt.MemberMarks;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Which part of a conversation's history the caller may read: all of a one-to-one conversation
 * they are in; of a group they are a member of, from the system message that added them (the last
 * time, if they left and came back), nothing before its join is posted. 2006 for anybody else.
 */
@Component
final class HistoryAccess {

    /** The caller may read the messages of {@code conversation} from seq {@code fromSeq} on. */
    record Readable(Conversation conversation, long fromSeq) {

        boolean includes(long seq) {
            return seq >= fromSeq;
        }
    }

    /** Past every seq: a member whose join is not posted yet reads nothing. */
    private static final long NOTHING = Long.MAX_VALUE;

    private final GroupDirectory groups;
    private final MemberMarks marks;

    HistoryAccess(GroupDirectory groups, MemberMarks marks) {
        this.groups = groups;
        this.marks = marks;
    }

    Mono<Readable> of(String conversationId, UUID caller) {
        return Mono.defer(() -> GroupConversation.parse(conversationId)
                .map(group -> groups.membersFor(group.groupId(), caller)
                        .then(marks.of(group, caller))
                        .map(mark -> new Readable(group, mark.joinedAtSeq() > 0 ? mark.joinedAtSeq() : NOTHING)))
                .orElseGet(() -> Mono.just(new Readable(Participation.of(conversationId, caller), 1))));
    }
}
