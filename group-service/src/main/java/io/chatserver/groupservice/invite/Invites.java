package io.chatserver.groupservice.invite;

import io.chatserver.groupservice.cache.GroupCache;
import io.chatserver.groupservice.change.GroupChanges;
import io.chatserver.groupservice.change.MemberLimit;
import io.chatserver.groupservice.store.Change;
import io.chatserver.groupservice.store.GroupState;
import io.chatserver.groupservice.store.GroupStore;
import io.chatserver.groupservice.store.Member;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.jdbc.BlockingDatabase;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Invite links: a group has at most one live code, 128 random bits, which admins reset (the old one
 * stops working at once) or revoke. Anybody signed in who has a live code may join, within the limit.
 */
@Component
final class Invites {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final GroupChanges changes;
    private final GroupStore store;
    private final GroupCache cache;
    private final BlockingDatabase database;
    private final MemberLimit limit;
    private final SecureRandom random = new SecureRandom();

    Invites(GroupChanges changes, GroupStore store, GroupCache cache, BlockingDatabase database, MemberLimit limit) {
        this.changes = changes;
        this.store = store;
        this.cache = cache;
        this.database = database;
        this.limit = limit;
    }

    /** A new code replaces the old one. */
    Mono<GroupState> reset(UUID caller, UUID groupId) {
        String code = newCode();
        return changes.apply(groupId, (jdbc, locked, now) -> {
            locked.requireAdmin(caller);
            store.setInviteCode(jdbc, groupId, code);
            return List.of(Change.of(Change.Kind.INVITE_RESET, caller));
        });
    }

    Mono<GroupState> revoke(UUID caller, UUID groupId) {
        return changes.apply(groupId, (jdbc, locked, now) -> {
            locked.requireAdmin(caller);
            if (locked.info().inviteCode() == null) {
                return List.of();
            }
            store.setInviteCode(jdbc, groupId, null);
            return List.of(Change.of(Change.Kind.INVITE_REVOKED, caller));
        });
    }

    /** Admins read the live code; 2104 when there is none. */
    Mono<String> current(UUID caller, UUID groupId) {
        return cache.forMember(groupId, caller).map(state -> {
            state.requireAdmin(caller);
            if (state.info().inviteCode() == null) {
                throw invalid();
            }
            return state.info().inviteCode();
        });
    }

    /** What the link leads to, shown before joining; 2104 for a code that is not live. */
    Mono<GroupState> preview(String code) {
        return groupOf(code).flatMap(cache::get)
                .map(found -> found.filter(state -> code.equals(state.info().inviteCode())).orElseThrow(Invites::invalid));
    }

    /** Joining twice changes nothing; 2104 when the code was reset meanwhile, 2103 when the group is full. */
    Mono<GroupState> join(UUID caller, String code) {
        return groupOf(code).flatMap(groupId -> changes.apply(groupId, (jdbc, locked, now) -> {
            if (!code.equals(locked.info().inviteCode())) {
                throw invalid();
            }
            if (locked.member(caller).isPresent()) {
                return List.of();
            }
            limit.check(locked.members().size(), 1);
            store.addMember(jdbc, groupId, new Member(caller, false, caller, now, locked.info().version() + 1));
            return List.of(Change.of(Change.Kind.JOINED, caller));
        }));
    }

    private Mono<UUID> groupOf(String code) {
        if (!CODE.matcher(code).matches()) {
            return Mono.error(invalid());
        }
        return database.call(jdbc -> store.groupOfInvite(jdbc, code))
                .map(found -> found.orElseThrow(Invites::invalid));
    }

    private String newCode() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ChatException invalid() {
        return new ChatException(ErrorCode.GROUP_INVITE_INVALID, "no live invite with that code");
    }
}
