package io.chatserver.groupservice.store;

import java.util.List;
import java.util.UUID;

/**
 * A change as the log keeps it: numbered by the group version it produced, dated, and with the
 * users it is told to (fixed when it was made; empty when the log has none, for changes logged before
 * it kept them, or when read without them).
 */
public record LoggedChange(long version, Change change, long changedAt, List<UUID> recipients) {

    public LoggedChange {
        recipients = List.copyOf(recipients);
    }
}
