package io.chatserver.groupservice.store;

import java.util.List;
import java.util.UUID;

/**
 * One entry of a group's change log: who did what to whom. Each gets the next version of the group;
 * the system messages members see ("Ana added Ben") are made from these.
 */
public record Change(Kind kind, UUID actor, List<UUID> subjects) {

    public Change {
        subjects = List.copyOf(subjects);
    }

    public static Change of(Kind kind, UUID actor, UUID... subjects) {
        return new Change(kind, actor, List.of(subjects));
    }

    public enum Kind {
        CREATED, ADDED, REMOVED, LEFT, JOINED, PROMOTED, DEMOTED, INFO_CHANGED, SETTINGS_CHANGED, INVITE_RESET,
        INVITE_REVOKED
    }
}
