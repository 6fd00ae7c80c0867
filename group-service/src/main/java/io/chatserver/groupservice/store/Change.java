package io.chatserver.groupservice.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    /** Who is told of it: the members after it, and whoever it took out, so they learn it. */
    public List<UUID> recipients(List<UUID> membersAfter) {
        Set<UUID> recipients = new LinkedHashSet<>(membersAfter);
        if (kind == Kind.REMOVED) {
            recipients.addAll(subjects);
        } else if (kind == Kind.LEFT) {
            recipients.add(actor);
        }
        return List.copyOf(recipients);
    }

    public enum Kind {
        CREATED, ADDED, REMOVED, LEFT, JOINED, PROMOTED, DEMOTED, INFO_CHANGED, SETTINGS_CHANGED, INVITE_RESET,
        INVITE_REVOKED
    }
}
