package io.chatserver.groupservice.store;

import java.util.UUID;

/** One member of a group. {@code addedBy} is the member themselves when they joined by link. */
public record Member(UUID userId, boolean admin, UUID addedBy, long joinedAt) {

    Member withAdmin(boolean value) {
        return new Member(userId, value, addedBy, joinedAt);
    }
}
