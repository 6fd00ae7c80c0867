package io.chatserver.wsmanager.sessions;

import io.chatserver.wsmanager.registry.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerClocksTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final HandlerClocks clocks = new HandlerClocks(clock);

    @Test
    void theOffsetIsTheFastestTripOfTheLastMinuteAndNothingBeforeTheFirstRenewal() {
        assertThat(clocks.offsets("h1")).isEmpty();
        long ahead = 3_600_000; // the handler's clock is an hour fast
        clocks.renewalSent("h1", clock.millis() + ahead - 40); // 40 ms on the way
        clock.advance(Duration.ofSeconds(5));
        clocks.renewalSent("h1", clock.millis() + ahead - 3);
        clock.advance(Duration.ofSeconds(5));
        clocks.renewalSent("h1", clock.millis() + ahead - 900); // waited in a busy pool

        assertThat(clocks.offsets("h1")).contains(new HandlerClocks.Offsets(-ahead + 3, -ahead + 900));
        assertThat(clocks.offsets("h2")).isEmpty();
    }

    @Test
    void samplesOlderThanAMinuteNoLongerCount() {
        clocks.renewalSent("h1", clock.millis() - 5);
        clock.advance(Duration.ofSeconds(30));
        clocks.renewalSent("h1", clock.millis() - 200);
        clock.advance(Duration.ofSeconds(31));

        assertThat(clocks.offsets("h1")).contains(new HandlerClocks.Offsets(200, 200));
        clock.advance(Duration.ofSeconds(30));
        assertThat(clocks.offsets("h1")).as("nothing heard for a minute").isEmpty();
    }
}
