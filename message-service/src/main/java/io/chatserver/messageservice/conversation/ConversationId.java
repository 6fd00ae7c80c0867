package io.chatserver.messageservice.conversation;

import java.util.Optional;
import java.util.UUID;

/**
 * The conversation of two users, {@code d:<lower user id>:<higher user id>}: both sides compute the
 * same id, and a user can talk to themselves (note to self: both ids equal).
 */
public record ConversationId(UUID first, UUID second) implements Conversation {

    private static final String PREFIX = "d:";

    public ConversationId {
        if (first.toString().compareTo(second.toString()) > 0) {
            throw new IllegalArgumentException("participants out of order");
        }
    }

    public static ConversationId direct(UUID a, UUID b) {
        return a.toString().compareTo(b.toString()) <= 0 ? new ConversationId(a, b) : new ConversationId(b, a);
    }

    /** Empty for anything that is not exactly the canonical form. */
    public static Optional<ConversationId> parse(String text) {
        if (text == null || text.length() != PREFIX.length() + 73 || !text.startsWith(PREFIX)
                || text.charAt(PREFIX.length() + 36) != ':') {
            return Optional.empty();
        }
        try {
            UUID a = UUID.fromString(text.substring(PREFIX.length(), PREFIX.length() + 36));
            UUID b = UUID.fromString(text.substring(PREFIX.length() + 37));
            ConversationId id = direct(a, b);
            return id.toString().equals(text) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean includes(UUID user) {
        return first.equals(user) || second.equals(user);
    }

    /** The other participant (the user themselves in a note-to-self conversation). */
    public UUID peerOf(UUID user) {
        return first.equals(user) ? second : first;
    }

    @Override
    public String toString() {
        return PREFIX + first + ":" + second;
    }
}
