package io.chatserver.loadtest.report;

import io.chatserver.loadtest.ledger.Ledger;

import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, as written to {@code result.json} and rendered as text and HTML.
 *
 * @param numbers    the scenario's headline numbers (rates, counts, times), in insertion order
 * @param latencies  named latency distributions over the measured part of the run
 * @param ledger     exactly-once accounting; null for scenarios that send no messages
 * @param timeline   per second: events per second by name, and delivery latency percentiles
 * @param failures   what made the run fail besides the ledger (e.g. connections that closed)
 */
public record RunResult(String scenario, String startedAt, Map<String, Object> machine, Map<String, Object> options,
        Map<String, Object> numbers, Map<String, Percentiles> latencies, Ledger.Summary ledger,
        List<TimelinePoint> timeline, List<String> failures) {

    /** One second of the run; {@code measured} is false during the warm-up and the drain. */
    public record TimelinePoint(long second, boolean measured, Map<String, Long> perSecond, double p50, double p99,
            double max) {
    }

    /** A run fails when the ledger is not clean or a failure was noted. */
    public boolean passed() {
        return failures.isEmpty() && (ledger == null || ledger.clean());
    }
}
