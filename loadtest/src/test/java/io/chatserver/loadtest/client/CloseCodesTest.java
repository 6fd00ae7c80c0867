package io.chatserver.loadtest.client;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class CloseCodesTest {

    @Test
    void workerLinesAddUpToTheCountsTheyWereMadeOf() {
        Map<Integer, Long> total = new TreeMap<>();
        CloseCodes.parseInto(CloseCodes.format(new TreeMap<>(Map.of(4002, 3L, 0, 100L))), total);
        CloseCodes.parseInto(CloseCodes.format(Map.of(4002, 2L)), total);
        CloseCodes.parseInto(CloseCodes.format(Map.of()), total);

        assertThat(CloseCodes.format(Map.of())).isEqualTo("-");
        assertThat(total).containsExactly(Map.entry(0, 100L), Map.entry(4002, 5L));
    }
}
