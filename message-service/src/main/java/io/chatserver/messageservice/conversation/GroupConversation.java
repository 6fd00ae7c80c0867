package io.chatserver.messageservice.conversation;

import java.util.Optional;
import java.util.UUID;

/** The conversation of a group, {@code g:<group id>}: one seq counter and one history per group. */
public record GroupConversation(UUID groupId) implements Conversation {

    private static final String PREFIX = "g:";

    /** Empty for anything that is not exactly the canonical form. */
    public static Optional<GroupConversation> parse(String text) {
        if (text == null || text.length() != PREFIX.length() + 36 || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(text.substring(PREFIX.length()));
            return id.toString().equals(text.substring(PREFIX.length())) ? Optional.of(new GroupConversation(id))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return PREFIX + groupId;
    }
}
