package io.chatserver.loadtest.report;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds over {@code count} events. */
public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {

    public static Percentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(micros.getTotalCount(), ms(micros, 50), ms(micros, 90), ms(micros, 99),
                ms(micros, 99.9), micros.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
