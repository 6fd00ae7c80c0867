package io.chatserver.loadtest.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples message-service's Kafka fan-out lag ({@code chat_queue_fanout_lag} on its Prometheus
 * endpoint; message-service reads it from the broker every 5 s) and keeps the highest value seen.
 */
public final class LagProbe {

    private static final Pattern LAG = Pattern.compile("(?m)^chat_queue_fanout_lag(?:\\{[^}]*})?\\s+([0-9.eE+-]+)$");

    private final URI prometheus;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong highest = new AtomicLong(-1);
    private final AtomicLong samples = new AtomicLong();

    public LagProbe(URI messageService) {
        this.prometheus = messageService.resolve("/actuator/prometheus");
    }

    /** One sample; a failed one is left out. */
    public void sample() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher lag = LAG.matcher(response.body());
            if (response.statusCode() == 200 && lag.find()) {
                highest.accumulateAndGet((long) Double.parseDouble(lag.group(1)), Math::max);
                samples.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            // not counted: the run reports how many samples it got
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The highest lag sampled, -1 when no sample succeeded. */
    public long highest() {
        return highest.get();
    }

    public long samples() {
        return samples.get();
    }
}
