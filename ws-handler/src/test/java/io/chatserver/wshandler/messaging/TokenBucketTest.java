package io.chatserver.wshandler.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    @Test
    void aFullBucketAllowsTheBurstThenRefuses() {
        TokenBucket bucket = new TokenBucket(10, 3, 1_000);

        assertThat(bucket.tryTake(1_000)).isTrue();
        assertThat(bucket.tryTake(1_000)).isTrue();
        assertThat(bucket.tryTake(1_000)).isTrue();
        assertThat(bucket.tryTake(1_000)).isFalse();
        assertThat(bucket.tryTake(1_000)).isFalse();
    }

    @Test
    void tokensComeBackAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 3, 1_000);
        drain(bucket, 1_000);

        assertThat(bucket.tryTake(1_050)).as("half a token").isFalse();
        assertThat(bucket.tryTake(1_100)).as("one token after 100 ms at 10/s").isTrue();
        assertThat(bucket.tryTake(1_100)).isFalse();
        assertThat(bucket.tryTake(1_300)).isTrue();
        assertThat(bucket.tryTake(1_300)).isTrue();
        assertThat(bucket.tryTake(1_300)).isFalse();
    }

    @Test
    void aSecondAtTheDefaultRateGivesThirtyMore() {
        TokenBucket bucket = new TokenBucket(30, 60, 0);
        assertThat(drain(bucket, 0)).isEqualTo(60);

        assertThat(drain(bucket, 1_000)).isEqualTo(30);
    }

    @Test
    void theBucketHoldsNoMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(10, 3, 1_000);
        drain(bucket, 1_000);

        assertThat(drain(bucket, 3_600_000)).isEqualTo(3);
    }

    @Test
    void aClockGoingBackAddsNothingAndLosesNothing() {
        TokenBucket bucket = new TokenBucket(10, 3, 1_000);
        drain(bucket, 1_000);

        assertThat(bucket.tryTake(500)).isFalse();
        assertThat(bucket.tryTake(1_100)).as("100 ms after the last reading that counted").isTrue();
        assertThat(bucket.tryTake(1_100)).isFalse();
    }

    /** Takes until refused; how many were taken. */
    private static int drain(TokenBucket bucket, long nowMillis) {
        int taken = 0;
        while (bucket.tryTake(nowMillis)) {
            taken++;
            if (taken > 10_000) {
                throw new AssertionError("the bucket never runs dry");
            }
        }
        return taken;
    }
}
