package io.chatserver.loadtest.report;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latencies in microseconds, per second of completion (for the plot) and in total over the events
 * that count (those meant to happen in the measured part of the run, whenever they completed).
 * Recording is thread-safe (HdrHistogram's Recorder and ConcurrentHistogram); {@link #tick} closes
 * one second.
 */
public final class LatencyTimeline {

    /** One second of the run: how many events, and their latency percentiles in ms. */
    public record Second(long second, long count, double p50, double p90, double p99, double max) {
    }

    private static final long HIGHEST_MICROS = 10 * 60 * 1_000_000L;

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final List<Second> seconds = new ArrayList<>();
    private final AtomicLong beyondRange = new AtomicLong();
    private Histogram interval;

    public void record(long latencyNanos, boolean counted) {
        long micros = Math.max(0, latencyNanos / 1_000);
        if (micros > HIGHEST_MICROS) {
            beyondRange.incrementAndGet();
            micros = HIGHEST_MICROS;
        }
        recorder.recordValue(micros);
        if (counted) {
            total.recordValue(micros);
        }
    }

    /** Closes second {@code second} of the timeline. */
    public synchronized void tick(long second) {
        interval = recorder.getIntervalHistogram(interval);
        seconds.add(new Second(second, interval.getTotalCount(), ms(interval, 50), ms(interval, 90), ms(interval, 99),
                interval.getTotalCount() == 0 ? 0 : interval.getMaxValue() / 1000.0));
    }

    public synchronized List<Second> seconds() {
        return List.copyOf(seconds);
    }

    public Histogram total() {
        return total.copy();
    }

    public long beyondRange() {
        return beyondRange.get();
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
