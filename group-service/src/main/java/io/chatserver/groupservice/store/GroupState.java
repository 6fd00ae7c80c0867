package io.chatserver.groupservice.store;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A group and its members as of one version: what a change starts from (read under the group's row
 * lock) and what the cache holds. Members are ordered by when they joined.
 */
public record GroupState(GroupInfo info, List<Member> members) {

    public GroupState {
        members = List.copyOf(members);
    }

    public Optional<Member> member(UUID userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).findFirst();
    }

    public boolean isAdmin(UUID userId) {
        return member(userId).map(Member::admin).orElse(false);
    }

    /** Only members see a group: to anybody else it does not exist (2101, no existence leak). */
    public Member requireMember(UUID userId) {
        return member(userId).orElseThrow(() -> notFound(info.id()));
    }

    public void requireAdmin(UUID userId) {
        if (!requireMember(userId).admin()) {
            throw new ChatException(ErrorCode.GROUP_ADMIN_REQUIRED, "only admins of the group may do this");
        }
    }

    public long adminCount() {
        return members.stream().filter(Member::admin).count();
    }

    public static ChatException notFound(UUID groupId) {
        return new ChatException(ErrorCode.GROUP_NOT_FOUND, "no group " + groupId + " of yours");
    }
}
