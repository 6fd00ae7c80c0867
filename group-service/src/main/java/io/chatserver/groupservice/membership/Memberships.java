package io.chatserver.groupservice.membership;

import io.chatserver.groupservice.change.GroupChanges;
import io.chatserver.groupservice.change.MemberLimit;
import io.chatserver.groupservice.store.Change;
import io.chatserver.groupservice.store.GroupState;
import io.chatserver.groupservice.store.GroupStore;
import io.chatserver.groupservice.store.Member;
import io.chatserver.groupservice.users.UserDirectory;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Who is in a group and who administers it. Admins add, remove, promote and demote; anyone may
 * leave. A group always keeps an admin while it has members: the last admin cannot step down, and
 * when the last admin leaves, the longest-standing member becomes admin.
 */
@Component
final class Memberships {

    private final GroupChanges changes;
    private final GroupStore store;
    private final UserDirectory users;
    private final MemberLimit limit;

    Memberships(GroupChanges changes, GroupStore store, UserDirectory users, MemberLimit limit) {
        this.changes = changes;
        this.store = store;
        this.users = users;
        this.limit = limit;
    }

    /** All or nothing: unknown users (2105) or too many (2103) add nobody. */
    Mono<GroupState> add(UUID caller, UUID groupId, List<UUID> userIds) {
        List<UUID> asked = List.copyOf(new LinkedHashSet<>(userIds));
        return users.requireExisting(asked).then(changes.apply(groupId, (jdbc, locked, now) -> {
            locked.requireAdmin(caller);
            List<UUID> joining = asked.stream().filter(id -> locked.member(id).isEmpty()).toList();
            if (joining.isEmpty()) {
                return List.of();
            }
            limit.check(locked.members().size(), joining.size());
            // Their membership begins with the version this change gets.
            long version = locked.info().version() + 1;
            joining.forEach(id -> store.addMember(jdbc, groupId, new Member(id, false, caller, now, version)));
            return List.of(new Change(Change.Kind.ADDED, caller, joining));
        }));
    }

    /** An admin removes someone else; removing oneself is leaving, which needs no admin. */
    Mono<GroupState> remove(UUID caller, UUID groupId, UUID userId) {
        if (caller.equals(userId)) {
            return leave(caller, groupId);
        }
        return changes.apply(groupId, (jdbc, locked, now) -> {
            locked.requireAdmin(caller);
            requireTarget(locked, userId);
            store.removeMember(jdbc, groupId, userId);
            return List.of(Change.of(Change.Kind.REMOVED, caller, userId));
        });
    }

    Mono<GroupState> promote(UUID caller, UUID groupId, UUID userId) {
        return changes.apply(groupId, (jdbc, locked, now) -> {
            locked.requireAdmin(caller);
            if (requireTarget(locked, userId).admin()) {
                return List.of();
            }
            store.setAdmin(jdbc, groupId, userId, true);
            return List.of(Change.of(Change.Kind.PROMOTED, caller, userId));
        });
    }

    /** An admin may step down too, unless nobody else would be left to administer the group (2107). */
    Mono<GroupState> demote(UUID caller, UUID groupId, UUID userId) {
        return changes.apply(groupId, (jdbc, locked, now) -> {
            locked.requireAdmin(caller);
            if (!requireTarget(locked, userId).admin()) {
                return List.of();
            }
            if (locked.adminCount() == 1) {
                throw new ChatException(ErrorCode.GROUP_LAST_ADMIN, "the group's only admin cannot be demoted");
            }
            store.setAdmin(jdbc, groupId, userId, false);
            return List.of(Change.of(Change.Kind.DEMOTED, caller, userId));
        });
    }

    private Mono<GroupState> leave(UUID caller, UUID groupId) {
        return changes.apply(groupId, (jdbc, locked, now) -> {
            Member leaving = locked.requireMember(caller);
            store.removeMember(jdbc, groupId, caller);
            List<Change> log = new ArrayList<>(List.of(Change.of(Change.Kind.LEFT, caller)));
            List<Member> staying = locked.members().stream().filter(m -> !m.userId().equals(caller)).toList();
            if (staying.isEmpty()) {
                // Nobody is left to administer an invite link.
                store.setInviteCode(jdbc, groupId, null);
            } else if (leaving.admin() && locked.adminCount() == 1) {
                // Members are ordered by when they joined: the longest-standing one takes over.
                UUID successor = staying.get(0).userId();
                store.setAdmin(jdbc, groupId, successor, true);
                log.add(Change.of(Change.Kind.PROMOTED, caller, successor));
            }
            return log;
        });
    }

    private static Member requireTarget(GroupState locked, UUID userId) {
        return locked.member(userId).orElseThrow(() -> new ChatException(ErrorCode.GROUP_NOT_A_MEMBER,
                userId + " is not a member of the group"));
    }
}
