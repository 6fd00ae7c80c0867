package io.chatserver.groupservice.group;

import io.chatserver.groupservice.store.MyGroup;

import java.time.Instant;
import java.util.UUID;

/** One entry of GET /v1/groups: enough for a chat list, without the member list. */
record GroupSummaryResponse(UUID groupId, String subject, String iconAssetId, int memberCount, String yourRole,
        long version, Instant updatedAt) {

    static GroupSummaryResponse of(MyGroup group) {
        return new GroupSummaryResponse(group.info().id(), group.info().subject(), group.info().iconAssetId(),
                group.memberCount(), group.admin() ? "admin" : "member", group.info().version(),
                Instant.ofEpochMilli(group.info().updatedAt()));
    }
}
