package io.chatserver.groupservice.group;

import io.chatserver.groupservice.store.GroupInfo;
import io.chatserver.groupservice.store.GroupState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A group as one of its members sees it. {@code version} rises with every change (the change log's
 * numbering); the invite code is shown to admins only.
 */
public record GroupResponse(UUID groupId, String subject, String description, String iconAssetId, UUID createdBy,
        Instant createdAt, boolean onlyAdminsSend, boolean onlyAdminsEditInfo, int memberCount, long version,
        Instant updatedAt, String yourRole, String inviteCode, List<MemberResponse> members) {

    public static GroupResponse of(GroupState state, UUID viewer) {
        GroupInfo info = state.info();
        boolean admin = state.isAdmin(viewer);
        return new GroupResponse(info.id(), info.subject(), info.description(), info.iconAssetId(), info.createdBy(),
                Instant.ofEpochMilli(info.createdAt()), info.onlyAdminsSend(), info.onlyAdminsEditInfo(),
                state.members().size(), info.version(), Instant.ofEpochMilli(info.updatedAt()),
                admin ? "admin" : "member", admin ? info.inviteCode() : null,
                state.members().stream().map(MemberResponse::of).toList());
    }
}
