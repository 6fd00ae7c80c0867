package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.report.LatencyTimeline;
import io.chatserver.loadtest.report.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The run's timeline: closes one second of counts and latencies every second, and on {@link #stop}
 * the last, partial one, so the timeline accounts for every event of the run.
 */
final class SecondTicker {

    private final MessageTraffic traffic;
    private final long fromSecond;
    private final long untilSecond;
    private final List<RunResult.TimelinePoint> timeline = new ArrayList<>();
    private final ScheduledFuture<?> schedule;
    private long lastSent;
    private long lastStored;
    private long lastDelivered;
    private long second;
    private boolean stopped;

    /** Starts ticking; seconds in [fromSecond, untilSecond) are marked as measured. */
    SecondTicker(MessageTraffic traffic, long fromSecond, long untilSecond) {
        this.traffic = traffic;
        this.fromSecond = fromSecond;
        this.untilSecond = untilSecond;
        this.schedule = traffic.timers.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops ticking, closes the partial second, and returns the whole timeline. */
    synchronized List<RunResult.TimelinePoint> stop() {
        schedule.cancel(false);
        if (!stopped) {
            stopped = true;
            close();
        }
        return List.copyOf(timeline);
    }

    private synchronized void tick() {
        if (!stopped) {
            close();
        }
    }

    private void close() {
        long current = second++;
        traffic.storedLatency.tick(current);
        traffic.deliveredLatency.tick(current);
        List<LatencyTimeline.Second> seconds = traffic.deliveredLatency.seconds();
        LatencyTimeline.Second latency = seconds.get(seconds.size() - 1);
        long nowSent = traffic.sent.get();
        long nowStored = traffic.stored.get();
        long nowDelivered = traffic.delivered.get();
        Map<String, Long> perSecond = new LinkedHashMap<>();
        perSecond.put("sent", nowSent - lastSent);
        perSecond.put("stored", nowStored - lastStored);
        perSecond.put("delivered", nowDelivered - lastDelivered);
        lastSent = nowSent;
        lastStored = nowStored;
        lastDelivered = nowDelivered;
        timeline.add(new RunResult.TimelinePoint(current, current >= fromSecond && current < untilSecond,
                perSecond, latency.p50(), latency.p99(), latency.max()));
    }
}
