package io.chatserver.messageservice.history;

import io.chatserver.messageservice.conversation.Conversation;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.conversation.Participation;
import io.chatserver.messageservice.directory.GroupDirectory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Which part of a conversation's history the caller may read: all of a one-to-one conversation
 * they are in; of a group they are a member of, what was sent to them since their current
 * membership began (group-service's {@code joinedVersion}; {@link GroupVersionSeqs}): nothing from
 * before they came, or from while they were out. 2006 for anybody else.
 */
@Component
final class HistoryAccess {

    /** The caller may read the messages of {@code conversation} from seq {@code fromSeq} on. */
    record Readable(Conversation conversation, long fromSeq) {

        boolean includes(long seq) {
            return seq >= fromSeq;
        }
    }

    private final GroupDirectory groups;
    private final GroupVersionSeqs versions;

    HistoryAccess(GroupDirectory groups, GroupVersionSeqs versions) {
        this.groups = groups;
        this.versions = versions;
    }

    Mono<Readable> of(String conversationId, UUID caller) {
        return Mono.defer(() -> GroupConversation.parse(conversationId)
                .map(group -> groups.membersFor(group.groupId(), caller)
                        .flatMap(members -> versions.firstSeqFrom(group,
                                members.member(caller).orElseThrow().joinedVersion()))
                        .map(first -> new Readable(group, first)))
                .orElseGet(() -> Mono.just(new Readable(Participation.of(conversationId, caller), 1))));
    }
}
