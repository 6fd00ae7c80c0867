package io.chatserver.messageservice.receipt;

import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.directory.GroupDirectory;
import io.chatserver.messageservice.history.HistoryStore;
import io.chatserver.messageservice.inbox.DeviceAddress;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ConversationState;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.MemberReceipt;
import io.chatserver.protocol.v1.MessageReceipts;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.ReceiptType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Receipts in groups, as watermarks per member ({@link MemberMarks}) that are asked for rather
 * than pushed: a MarkRead raises the reader's mark and tells only the reader's other devices; the
 * sender asks who got and who read a message, and a member asks how far everybody got. Members only
 * (2006 to anybody else).
 */
@Component
final class GroupReceipts {

    private final GroupDirectory groups;
    private final ConversationLog log;
    private final MemberMarks marks;
    private final HistoryStore history;
    private final ReceiptIssuer receipts;

    GroupReceipts(GroupDirectory groups, ConversationLog log, MemberMarks marks, HistoryStore history,
            ReceiptIssuer receipts) {
        this.groups = groups;
        this.log = log;
        this.marks = marks;
        this.history = history;
        this.receipts = receipts;
    }

    Mono<Void> markRead(GroupConversation group, UUID reader, int readerDevice, long upToSeq) {
        return groups.membersFor(group.groupId(), reader)
                .then(Mono.defer(() -> {
                    if (upToSeq < 1) {
                        return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED, "upToSeq must be at least 1"));
                    }
                    return Mono.zip(log.lastSeq(group), marks.of(group, reader));
                }))
                .flatMap(state -> {
                    if (upToSeq > state.getT1()) {
                        return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED,
                                "upToSeq " + upToSeq + " is past the conversation's last seq " + state.getT1()));
                    }
                    if (upToSeq <= state.getT2().readUpTo()) {
                        return Mono.empty();
                    }
                    // Only the reader's other devices hear of it (their unread counts); the group asks when it wants to know.
                    return marks.raiseRead(group, reader, upToSeq).then(receipts.issue(Receipt.newBuilder()
                                    .setType(ReceiptType.READ)
                                    .setConversationId(group.toString())
                                    .setFromUserId(reader.toString())
                                    .setFromDeviceId(readerDevice)
                                    .setReadUpToSeq(upToSeq),
                            List.of(reader), new DeviceAddress(reader, readerDevice)));
                });
    }

    /** The caller's read mark, and how far every other current member got and read. */
    Mono<ConversationState> state(GroupConversation group, UUID caller) {
        return groups.membersFor(group.groupId(), caller).flatMap(members -> Mono.zip(log.lastSeq(group),
                marks.all(group)).map(state -> {
            long lastSeq = state.getT1();
            Map<UUID, MemberMarks.Marks> all = state.getT2();
            List<UUID> others = members.userIds().stream().filter(user -> !user.equals(caller)).toList();
            return ConversationState.newBuilder()
                    .setConversationId(group.toString())
                    .setGroupId(group.groupId().toString())
                    .setLastSeq(lastSeq)
                    .setReadUpToSeq(MemberMarks.of(all, caller).readUpTo())
                    // A member who came in later counts as having what was before their join.
                    .setReadByAllUpToSeq(others.stream()
                            .mapToLong(user -> MemberMarks.of(all, user).effectiveReadUpTo()).min().orElse(lastSeq))
                    .setDeliveredToAllUpToSeq(others.stream()
                            .mapToLong(user -> MemberMarks.of(all, user).effectiveDeliveredUpTo()).min().orElse(lastSeq))
                    .build();
        }));
    }

    /**
     * Who of the other current members got and read message {@code seq} (not those who came in after
     * it); for its sender only (2008 to others).
     */
    Mono<MessageReceipts> receipts(GroupConversation group, UUID caller, long seq) {
        return groups.membersFor(group.groupId(), caller)
                .flatMap(members -> history.bySeq(group, seq)
                        .filter(message -> message.getSenderUserId().equals(caller.toString())
                                && !message.hasGroupChange())
                        .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND,
                                "no message " + seq + " of yours in " + group)))
                        .then(marks.all(group))
                        .map(all -> {
                            MessageReceipts.Builder answer = MessageReceipts.newBuilder()
                                    .setConversationId(group.toString()).setSeq(seq);
                            for (UUID user : members.userIds()) {
                                MemberMarks.Marks mark = MemberMarks.of(all, user);
                                if (user.equals(caller) || mark.joinedAtSeq() > seq) {
                                    continue;
                                }
                                boolean read = mark.readUpTo() >= seq;
                                boolean delivered = read || mark.deliveredUpTo() >= seq;
                                answer.addMembers(MemberReceipt.newBuilder().setUserId(user.toString())
                                        .setDelivered(delivered).setRead(read));
                                answer.setDelivered(answer.getDelivered() + (delivered ? 1 : 0));
                                answer.setRead(answer.getRead() + (read ? 1 : 0));
                            }
                            return answer.build();
                        }));
    }
}
