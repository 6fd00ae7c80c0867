package io.chatserver.messageservice.inbox;

import java.util.List;

/** Entries oldest first; more is true when entries follow the last one. */
public record InboxPage(List<InboxEntry> entries, boolean more) {
}
