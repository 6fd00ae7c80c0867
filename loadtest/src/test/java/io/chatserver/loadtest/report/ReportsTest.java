package io.chatserver.loadtest.report;

import io.chatserver.loadtest.ledger.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

    @Test
    void latenciesCountOnlyWhatWasMeantForTheMeasuredPartButEverySecondIsPlotted() {
        LatencyTimeline timeline = new LatencyTimeline();
        timeline.record(5_000_000, false); // warm-up, 5 ms
        timeline.tick(0);
        for (int i = 1; i <= 100; i++) {
            timeline.record(i * 1_000_000L, true);
        }
        timeline.tick(1);

        Percentiles total = Percentiles.of(timeline.total());
        assertThat(total.count()).isEqualTo(100);
        assertThat(total.p50()).isBetween(49.9, 50.1);
        assertThat(total.max()).isBetween(99.9, 100.1);
        assertThat(timeline.seconds()).extracting(LatencyTimeline.Second::count).containsExactly(1L, 100L);
    }

    @Test
    void aRunWritesItsSummaryJsonAndPlotAndFailsOnAnUncleanLedger(@TempDir Path out) throws Exception {
        RunResult result = new RunResult("one-to-one", "2026-12-01T00:00:00Z", Map.of("cores", 2), Map.of("rate", 10),
                Map.of("sent rate (msg/s)", 10.0), Map.of("send -> delivered", new Percentiles(10, 1, 2, 3, 4, 5)),
                new Ledger.Summary(10, 10, 9, 1, 0, 0, 0, 0),
                List.of(new RunResult.TimelinePoint(0, true, Map.of("sent", 10L, "delivered", 9L), 1, 3, 5)), List.of());

        Reports.write(result, out);

        assertThat(result.passed()).isFalse();
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("missing 1").contains("FAILED");
        assertThat(Files.readString(out.resolve("result.json"))).contains("\"missing\" : 1").contains("\"p99\" : 3.0");
        RunResult noLedger = new RunResult("connections", "t", Map.of(), Map.of(), Map.of(), Map.of(), null, List.of(),
                List.of("3 connections closed while held"));
        assertThat(noLedger.passed()).isFalse();
        assertThat(Reports.text(noLedger)).contains("FAILED: 3 connections closed while held");
        String html = Files.readString(out.resolve("plot.html"));
        assertThat(html).contains("<svg").contains("<polyline").contains("sent/s").contains("p99 ms");
    }
}
