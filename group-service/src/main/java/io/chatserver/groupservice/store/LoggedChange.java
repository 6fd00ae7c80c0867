package io.chatserver.groupservice.store;

/** A change as the log keeps it: numbered by the group version it produced, and dated. */
public record LoggedChange(long version, Change change, long changedAt) {
}
