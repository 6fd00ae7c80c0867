package io.chatserver.loadtest.report;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a run's summary.txt, result.json and plot.html into one directory. */
public final class Reports {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Reports() {
    }

    public static String text(RunResult result) {
        StringBuilder out = new StringBuilder();
        out.append("load: ").append(result.scenario()).append(", started ").append(result.startedAt()).append('\n');
        out.append("load: options ").append(result.options()).append('\n');
        out.append("load: machine ").append(result.machine()).append('\n');
        result.numbers().forEach((name, value) -> out.append(String.format("load: %-34s %s%n", name, format(value))));
        result.latencies().forEach((name, p) -> out.append(String.format(
                "load: %-22s ms  p50 %8.2f  p90 %8.2f  p99 %8.2f  p99.9 %8.2f  max %8.2f  (n=%d)%n",
                name, p.p50(), p.p90(), p.p99(), p.p999(), p.max(), p.count())));
        if (result.ledger() != null) {
            var l = result.ledger();
            out.append(String.format("load: ledger sent %d, delivered %d, missing %d, duplicated %d, out of order %d,"
                    + " unexpected %d; redelivered after a lost ack %d: %s%n", l.sent(), l.delivered(), l.missing(),
                    l.duplicated(), l.outOfOrder(), l.unexpected(), l.redelivered(), l.clean() ? "CLEAN" : "FAILED"));
        }
        result.failures().forEach(failure -> out.append("load: FAILED: ").append(failure).append('\n'));
        return out.toString();
    }

    /** Writes the three files; returns the directory. */
    public static Path write(RunResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("summary.txt"), text(result));
        Files.writeString(directory.resolve("result.json"), JSON.writeValueAsString(result));
        Files.writeString(directory.resolve("plot.html"), HtmlPlot.render(result));
        return directory;
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Math.abs(d) < 10 ? "%.2f" : "%.1f", d); // small costs (ms/message) need the second digit
        }
        return String.valueOf(value);
    }
}
