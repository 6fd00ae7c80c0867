package io.chatserver.messageservice.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimeUuidsTest {

    private static final long NOW_MICROS = 1_795_000_000_123_456L;

    @Test
    void isAVersionOneUuidOfTheIetfVariant() {
        UUID id = TimeUuids.fromMicros(NOW_MICROS);

        assertThat(id.version()).isEqualTo(1);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void microsRoundTrip() {
        for (long micros : new long[] {0, 1, 999_999, NOW_MICROS, NOW_MICROS + 1, 4_102_444_800_000_000L}) {
            assertThat(TimeUuids.micros(TimeUuids.fromMicros(micros))).as("micros %d", micros).isEqualTo(micros);
        }
        for (int i = 0; i < 10_000; i++) {
            long micros = ThreadLocalRandom.current().nextLong(0, 4_102_444_800_000_000L);
            assertThat(TimeUuids.micros(TimeUuids.fromMicros(micros))).isEqualTo(micros);
        }
    }

    @Test
    void theTimestampIsTheUuidTimestampOfThatInstant() {
        Instant instant = Instant.parse("2026-11-22T08:00:00.123456Z");
        long micros = instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;

        UUID id = TimeUuids.fromMicros(micros);

        // 100-ns intervals since 1582-10-15T00:00Z, as java.util.UUID and Cassandra read them.
        long gregorianOffsetSeconds = 12_219_292_800L;
        assertThat(id.timestamp())
                .isEqualTo((instant.getEpochSecond() + gregorianOffsetSeconds) * 10_000_000 + instant.getNano() / 100);
    }

    @Test
    void orderingByTimestampMatchesOrderingByMicros() {
        // Cassandra orders timeuuid by its timestamp first (UUID.compareTo does not: it compares the
        // raw high bits, where time_low comes first).
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            micros.add(NOW_MICROS + ThreadLocalRandom.current().nextLong(-10_000_000_000L, 10_000_000_000L));
        }
        List<UUID> ids = new ArrayList<>(micros.stream().map(TimeUuids::fromMicros).toList());

        ids.sort(Comparator.comparingLong(UUID::timestamp));

        assertThat(ids.stream().map(TimeUuids::micros).toList()).isEqualTo(micros.stream().sorted().toList());
    }

    @Test
    void consecutiveMicrosGiveStrictlyIncreasingTimestamps() {
        UUID previous = TimeUuids.fromMicros(NOW_MICROS);
        for (long m = NOW_MICROS + 1; m < NOW_MICROS + 5_000; m++) {
            UUID next = TimeUuids.fromMicros(m);
            assertThat(next.timestamp()).isGreaterThan(previous.timestamp());
            previous = next;
        }
    }

    @Test
    void tenThousandIdsWithTheSameMicrosAreAllDifferent() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = TimeUuids.fromMicros(NOW_MICROS);
            assertThat(TimeUuids.micros(id)).isEqualTo(NOW_MICROS);
            ids.add(id);
        }

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void parseAcceptsVersionOneOnly() {
        UUID id = TimeUuids.fromMicros(NOW_MICROS);

        assertThat(TimeUuids.parse(id.toString())).contains(id);
        assertThat(TimeUuids.parse(UUID.randomUUID().toString())).isEmpty();
        assertThat(TimeUuids.parse("not-a-uuid")).isEmpty();
        assertThat(TimeUuids.parse("")).isEmpty();
        assertThat(TimeUuids.parse("1-1-1-1-1")).isEmpty();
        assertThat(TimeUuids.parse(id + "0")).isEmpty();
    }
}
