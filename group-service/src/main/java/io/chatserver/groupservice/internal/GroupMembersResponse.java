package io.chatserver.groupservice.internal;

import io.chatserver.groupservice.store.GroupState;

import java.util.List;
import java.util.UUID;

/**
 * The members of a group as of {@code version}: what message fan-out needs, nothing more; each
 * member's {@code joinedVersion} bounds what of the group's history they may read.
 */
record GroupMembersResponse(UUID groupId, long version, boolean onlyAdminsSend, List<Entry> members) {

    static GroupMembersResponse of(GroupState state) {
        return new GroupMembersResponse(state.info().id(), state.info().version(), state.info().onlyAdminsSend(),
                state.members().stream().map(m -> new Entry(m.userId(), m.admin(), m.joinedVersion())).toList());
    }

    record Entry(UUID userId, boolean admin, long joinedVersion) {
    }
}
