package io.chatserver.loadtest;

import io.chatserver.loadtest.relay.RelayCommand;
import io.chatserver.loadtest.report.Reports;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.scenario.Connections;
import io.chatserver.loadtest.scenario.ConnectionsWorker;
import io.chatserver.loadtest.scenario.Environment;
import io.chatserver.loadtest.scenario.GroupFanout;
import io.chatserver.loadtest.scenario.MediaTransfer;
import io.chatserver.loadtest.scenario.OfflineDrain;
import io.chatserver.loadtest.scenario.OneToOne;
import io.chatserver.loadtest.scenario.PresenceChurn;
import io.chatserver.loadtest.scenario.ReconnectStorm;
import io.chatserver.loadtest.scenario.Scenario;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code load SCENARIO [--name=value ...]} against a running system (./chat up), on loopback only;
 * {@code load serve-relay} runs the bare relay the {@code bare-relay} scenario measures.
 * Prints a summary, writes summary.txt, result.json and plot.html under {@code --out}
 * (default bench-results/SCENARIO-TIME/). Exit code 0 when the run's ledger is clean, 1 when
 * anything was lost, doubled or reordered, 2 for bad arguments.
 */
public final class LoadTool {

    private static final Map<String, Supplier<Scenario>> SCENARIOS = Map.of(
            "one-to-one", OneToOne::new,
            "offline-drain", OfflineDrain::new,
            "connections", Connections::new,
            "reconnect-storm", ReconnectStorm::new,
            "group-fanout", GroupFanout::new,
            "presence", PresenceChurn::new,
            "media", MediaTransfer::new,
            "bare-relay", OneToOne::againstBareRelay);

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    public static int run(String... args) throws Exception {
        if (args.length > 0 && args[0].equals("connections-worker")) {
            try {
                return ConnectionsWorker.run(Options.parse(List.of(Arrays.copyOfRange(args, 1, args.length))));
            } catch (IllegalArgumentException e) {
                System.err.println("load: " + e.getMessage());
                return 2;
            }
        }
        if (args.length > 0 && args[0].equals("serve-relay")) {
            try {
                return RelayCommand.run(Options.parse(List.of(Arrays.copyOfRange(args, 1, args.length))));
            } catch (IllegalArgumentException e) {
                System.err.println("load: " + e.getMessage());
                return 2;
            }
        }
        if (args.length == 0 || !SCENARIOS.containsKey(args[0])) {
            System.err.println("usage: load SCENARIO [--name=value ...]; scenarios: " + SCENARIOS.keySet()
                    + "; see docs/performance.md");
            return 2;
        }
        Scenario scenario = SCENARIOS.get(args[0]).get();
        Options options;
        try {
            options = Options.parse(List.of(Arrays.copyOfRange(args, 1, args.length)));
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path out = Path.of(options.text("out", "bench-results/" + scenario.name() + "-" + stamp));
            RunResult result = scenario.run(options, new Environment());
            System.out.print(Reports.text(result));
            System.out.println("load: wrote " + Reports.write(result, out).toAbsolutePath());
            return result.passed() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            return 2;
        } catch (IllegalStateException | java.util.concurrent.CompletionException e) {
            System.err.println("load: FAILED, the run could not go on: " + e.getMessage());
            return 1;
        }
    }
}
