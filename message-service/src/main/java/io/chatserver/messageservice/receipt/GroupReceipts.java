package io.chatserver.messageservice.receipt;

import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.directory.GroupDirectory;
import io.chatserver.messageservice.history.GroupVersionSeqs;
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
import java.util.function.LongUnaryOperator;

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
    private final GroupVersionSeqs versions;
    private final ReceiptIssuer receipts;

    GroupReceipts(GroupDirectory groups, ConversationLog log, MemberMarks marks, HistoryStore history,
            GroupVersionSeqs versions, ReceiptIssuer receipts) {
        this.groups = groups;
        this.log = log;
        this.marks = marks;
        this.history = history;
        this.versions = versions;
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

    /**
     * The caller's read mark, and how far every other current member got and read; a member counts
     * as having what was sent before their membership began.
     */
    Mono<ConversationState> state(GroupConversation group, UUID caller) {
        return groups.membersFor(group.groupId(), caller).flatMap(members -> {
            List<GroupDirectory.Member> others = members.members().stream()
                    .filter(member -> !member.userId().equals(caller)).toList();
            return Mono.zip(log.lastSeq(group), marks.all(group), floors(group, others)).map(state -> {
                long lastSeq = state.getT1();
                Map<UUID, MemberMarks.Marks> all = state.getT2();
                LongUnaryOperator floor = state.getT3();
                return ConversationState.newBuilder()
                        .setConversationId(group.toString())
                        .setGroupId(group.groupId().toString())
                        .setLastSeq(lastSeq)
                        .setReadUpToSeq(MemberMarks.of(all, caller).readUpTo())
                        .setReadByAllUpToSeq(others.stream().mapToLong(member -> Math.max(
                                MemberMarks.of(all, member.userId()).readUpTo(), before(floor, member, lastSeq)))
                                .min().orElse(lastSeq))
                        .setDeliveredToAllUpToSeq(others.stream().mapToLong(member -> Math.max(
                                MemberMarks.of(all, member.userId()).deliveredUpTo(), before(floor, member, lastSeq)))
                                .min().orElse(lastSeq))
                        .build();
            });
        });
    }

    /**
     * Who of the other current members got and read message {@code seq}, of those it was sent to (not
     * those whose membership began after it); for its sender only (2008 to others).
     */
    Mono<MessageReceipts> receipts(GroupConversation group, UUID caller, long seq) {
        return groups.membersFor(group.groupId(), caller)
                .flatMap(members -> history.bySeq(group, seq)
                        .filter(message -> message.getSenderUserId().equals(caller.toString())
                                && !message.hasGroupChange())
                        .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND,
                                "no message " + seq + " of yours in " + group)))
                        .then(Mono.zip(marks.all(group), floors(group, members.members())))
                        .map(state -> {
                            MessageReceipts.Builder answer = MessageReceipts.newBuilder()
                                    .setConversationId(group.toString()).setSeq(seq);
                            for (GroupDirectory.Member member : members.members()) {
                                if (member.userId().equals(caller)
                                        || state.getT2().applyAsLong(member.joinedVersion()) > seq) {
                                    continue;
                                }
                                MemberMarks.Marks mark = MemberMarks.of(state.getT1(), member.userId());
                                boolean read = mark.readUpTo() >= seq;
                                boolean delivered = read || mark.deliveredUpTo() >= seq;
                                answer.addMembers(MemberReceipt.newBuilder().setUserId(member.userId().toString())
                                        .setDelivered(delivered).setRead(read));
                                answer.setDelivered(answer.getDelivered() + (delivered ? 1 : 0));
                                answer.setRead(answer.getRead() + (read ? 1 : 0));
                            }
                            return answer.build();
                        }));
    }

    /** Each member's first seq, from one read of the versions since the oldest membership began. */
    private Mono<LongUnaryOperator> floors(GroupConversation group, List<GroupDirectory.Member> members) {
        long oldest = members.stream().mapToLong(GroupDirectory.Member::joinedVersion).min().orElse(0);
        return versions.floors(group, oldest);
    }

    /** The last seq from before the member's membership began (lastSeq when nothing was sent to them yet). */
    private static long before(LongUnaryOperator floor, GroupDirectory.Member member, long lastSeq) {
        return Math.min(floor.applyAsLong(member.joinedVersion()), lastSeq + 1) - 1;
    }
}
