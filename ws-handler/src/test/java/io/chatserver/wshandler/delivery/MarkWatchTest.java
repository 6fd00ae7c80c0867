package io.chatserver.wshandler.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkWatchTest {

    /** A 60 s sweep interval plus the 30 s late-write window. */
    private static final long RECENT = 90_000;
    private static final long NOW = 1_000_000_000L;

    private final MarkWatch watch = new MarkWatch(RECENT);

    @Test
    void anInboxNobodyWroteToIsNotRead() {
        assertThat(watch.readDue(null, NOW)).isFalse();
        assertThat(watch.readDue(null, NOW + 60_000)).isFalse();
    }

    @Test
    void anInboxWrittenLongAgoIsNotRead() {
        assertThat(watch.readDue(NOW - RECENT - 1, NOW)).as("first sweep").isFalse();
        assertThat(watch.readDue(NOW - RECENT - 1, NOW + 60_000)).as("unchanged").isFalse();
    }

    @Test
    void aRecentWriteIsReadAtTheNextSweepAndTheOneAfterThenLeftAlone() {
        long written = NOW - 10_000;
        assertThat(watch.readDue(written, NOW)).as("its push may have been lost").isTrue();
        assertThat(watch.readDue(written, NOW + 60_000)).as("it may have landed after that read").isTrue();
        assertThat(watch.readDue(written, NOW + 120_000)).as("past the late-write window").isFalse();
    }

    @Test
    void aMarkThatMovesIsReadEvenWhenItLooksOld() {
        watch.readDue(NOW - 500_000, NOW);
        assertThat(watch.readDue(NOW - 400_000, NOW + 60_000)).as("a writer whose clock is behind").isTrue();
    }

    @Test
    void aMarkThatDisappearsIsReadOnce() {
        watch.readDue(NOW - 500_000, NOW);
        assertThat(watch.readDue(null, NOW + 60_000)).as("Redis lost it: pushes may have been lost too").isTrue();
        assertThat(watch.readDue(null, NOW + 120_000)).isFalse();
    }
}
