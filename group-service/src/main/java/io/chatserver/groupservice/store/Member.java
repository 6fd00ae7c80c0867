package io.chatserver.groupservice.store;

import java.util.UUID;

/**
 * One member of a group. {@code addedBy} is the member themselves when they joined by link;
 * {@code joinedVersion} the group version their current membership began with (the first version of
 * the change that added them; 0 for memberships older than the column).
 */
public record Member(UUID userId, boolean admin, UUID addedBy, long joinedAt, long joinedVersion) {

    Member withAdmin(boolean value) {
        return new Member(userId, value, addedBy, joinedAt, joinedVersion);
    }
}
