package io.chatserver.wshandler.delivery;

/**
 * Decides, at each periodic sweep, whether one connection's inbox must be read again, from the
 * inbox's mark (when its last write began, set by message-service; {@code InboxMarks}). A read is
 * due when the mark is recent enough that the entry may have landed after this connection's last
 * read (within a sweep interval plus the late-write window), or when it moved in any other way (a
 * lost mark, a clock far off). An inbox nobody wrote to lately is left alone: idle connections
 * cost one MGET slot a minute instead of an inbox read.
 */
final class MarkWatch {

    /** Before the first sweep: nothing seen yet, so only a recent mark counts. */
    private static final long UNSEEN = Long.MIN_VALUE;
    /** The inbox has no mark. */
    private static final long NONE = Long.MIN_VALUE + 1;

    private final long recentMillis;
    private long seen = UNSEEN;

    /** @param recentMillis the sweep interval plus the late-write window */
    MarkWatch(long recentMillis) {
        this.recentMillis = recentMillis;
    }

    /** @param mark the inbox's mark now, null when it has none */
    synchronized boolean readDue(Long mark, long nowMillis) {
        long current = mark == null ? NONE : mark;
        boolean moved = seen != UNSEEN && current != seen;
        seen = current;
        boolean recent = current != NONE && nowMillis - current <= recentMillis;
        return moved || recent;
    }
}
