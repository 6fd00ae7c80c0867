package io.chatserver.groupservice.group;

import io.chatserver.groupservice.cache.GroupCache;
import io.chatserver.groupservice.change.GroupChanges;
import io.chatserver.groupservice.change.MemberLimit;
import io.chatserver.groupservice.store.Change;
import io.chatserver.groupservice.store.GroupInfo;
import io.chatserver.groupservice.store.GroupReads;
import io.chatserver.groupservice.store.GroupState;
import io.chatserver.groupservice.store.GroupStore;
import io.chatserver.groupservice.store.LoggedChange;
import io.chatserver.groupservice.store.Member;
import io.chatserver.groupservice.store.MyGroup;
import io.chatserver.groupservice.users.UserDirectory;
import io.chatserver.platform.validation.PlainTextValidator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/** Creating groups, reading them, and editing their info and settings (R4, R5). */
@Component
final class Groups {

    private final GroupChanges changes;
    private final GroupCache cache;
    private final GroupStore store;
    private final GroupReads reads;
    private final UserDirectory users;
    private final MemberLimit limit;
    private final Clock clock;
    private final Supplier<UUID> groupIds;

    Groups(GroupChanges changes, GroupCache cache, GroupStore store, GroupReads reads, UserDirectory users,
            MemberLimit limit, Clock clock) {
        this.changes = changes;
        this.cache = cache;
        this.store = store;
        this.reads = reads;
        this.users = users;
        this.limit = limit;
        this.clock = clock;
        this.groupIds = UUID::randomUUID;
    }

    /** The caller is the creator and first admin; the others join as members (2103 past the limit). */
    Mono<GroupState> create(UUID creator, CreateGroupRequest request) {
        // Checked before asking user-service, so an oversized list costs nothing downstream.
        LinkedHashSet<UUID> others = new LinkedHashSet<>(Objects.requireNonNullElse(request.members(), List.of()));
        others.remove(creator);
        List<UUID> invited = List.copyOf(others);
        return Mono.fromRunnable(() -> limit.check(1, invited.size()))
                .then(users.requireExisting(invited))
                .then(Mono.defer(() -> {
            long now = clock.millis();
            GroupInfo info = new GroupInfo(groupIds.get(), PlainTextValidator.normalise(request.subject()),
                    request.description() == null ? "" : PlainTextValidator.normalise(request.description()),
                    request.iconAssetId(), creator, now, false, false, null, 0, now);
            List<Member> members = new ArrayList<>();
            members.add(new Member(creator, true, creator, now, 1));
            invited.forEach(userId -> members.add(new Member(userId, false, creator, now, 1)));
            List<Change> log = new ArrayList<>(List.of(Change.of(Change.Kind.CREATED, creator)));
            if (!invited.isEmpty()) {
                log.add(new Change(Change.Kind.ADDED, creator, invited));
            }
            return changes.create(info, members, log);
        }));
    }

    /** Members only: anybody else gets 2101 as if there were no such group. */
    Mono<GroupState> get(UUID caller, UUID groupId) {
        return cache.forMember(groupId, caller);
    }

    Mono<List<MyGroup>> mine(UUID caller) {
        return reads.call(jdbc -> store.groupsOf(jdbc, caller));
    }

    /** Any member, or admins only when the group says so; fields left out stay as they are. */
    Mono<GroupState> updateInfo(UUID caller, UUID groupId, GroupInfoUpdate update) {
        return changes.apply(groupId, (jdbc, locked, now) -> {
            if (locked.info().onlyAdminsEditInfo()) {
                locked.requireAdmin(caller);
            } else {
                locked.requireMember(caller);
            }
            GroupInfo info = locked.info();
            String subject = update.subject() == null ? info.subject() : PlainTextValidator.normalise(update.subject());
            String description = update.description() == null ? info.description()
                    : PlainTextValidator.normalise(update.description());
            String icon = update.iconAssetId() == null ? info.iconAssetId()
                    : update.iconAssetId().isEmpty() ? null : update.iconAssetId();
            if (subject.equals(info.subject()) && description.equals(info.description())
                    && Objects.equals(icon, info.iconAssetId())) {
                return List.of();
            }
            store.updateInfo(jdbc, groupId, subject, description, icon);
            return List.of(Change.of(Change.Kind.INFO_CHANGED, caller));
        });
    }

    Mono<GroupState> updateSettings(UUID caller, UUID groupId, GroupSettingsUpdate update) {
        return changes.apply(groupId, (jdbc, locked, now) -> {
            locked.requireAdmin(caller);
            if (update.onlyAdminsSend() == locked.info().onlyAdminsSend()
                    && update.onlyAdminsEditInfo() == locked.info().onlyAdminsEditInfo()) {
                return List.of();
            }
            store.updateSettings(jdbc, groupId, update.onlyAdminsSend(), update.onlyAdminsEditInfo());
            return List.of(Change.of(Change.Kind.SETTINGS_CHANGED, caller));
        });
    }

    /** The change log after a version, for members: how a device catches up on what it missed. */
    Mono<List<LoggedChange>> changesAfter(UUID caller, UUID groupId, long afterVersion, int max) {
        return get(caller, groupId).then(reads.call(jdbc -> store.changesAfter(jdbc, groupId, afterVersion, max)));
    }
}
