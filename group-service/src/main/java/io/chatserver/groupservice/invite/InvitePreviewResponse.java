package io.chatserver.groupservice.invite;

import io.chatserver.groupservice.store.GroupState;

import java.util.UUID;

/** What someone with the link sees before joining: no member list, no description. */
record InvitePreviewResponse(UUID groupId, String subject, String iconAssetId, int memberCount) {

    static InvitePreviewResponse of(GroupState state) {
        return new InvitePreviewResponse(state.info().id(), state.info().subject(), state.info().iconAssetId(),
                state.members().size());
    }
}
