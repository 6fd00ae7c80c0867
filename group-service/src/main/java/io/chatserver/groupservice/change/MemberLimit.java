package io.chatserver.groupservice.change;

import io.chatserver.groupservice.config.GroupsProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;

/** R5: a group has at most {@code chat.groups.max-members} members (256); past it, 2103 and no change. */
@Component
public final class MemberLimit {

    private final int maxMembers;

    MemberLimit(GroupsProperties properties) {
        this.maxMembers = properties.maxMembers();
    }

    public void check(int members, int joining) {
        if (members + joining > maxMembers) {
            throw new ChatException(ErrorCode.GROUP_FULL, members + " members and " + joining
                    + " joining; a group has at most " + maxMembers);
        }
    }
}
