package io.chatserver.e2e;

import io.chatserver.loadtest.LoadTool;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tool (issue 4) against the services as processes: short one-to-one and reconnect-storm
 * runs whose ledgers must be clean, and arguments it must refuse before sending anything.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.CASSANDRA, LocalStack.KAFKA})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadToolE2EIT {

    private ChatCluster cluster;

    @BeforeAll
    void startServices() {
        cluster = new ChatCluster(UUID.randomUUID().toString().substring(0, 8), false);
    }

    @AfterAll
    void stopServices() {
        cluster.close();
    }

    @Test
    void aShortOneToOneRunDeliversEveryMessageOnceAndWritesItsResults(@TempDir Path out) throws Exception {
        JsonNode result = cleanRun(out, "one-to-one", "--users=20", "--rate=20", "--warmup=1s", "--duration=5s");

        JsonNode ledger = result.get("ledger");
        assertThat(ledger.get("sent").asLong()).as("20 msg/s for 6 s, open loop").isBetween(118L, 120L);
        assertThat(ledger.get("delivered").asLong()).isEqualTo(ledger.get("sent").asLong());
        assertThat(ledger.get("duplicated").asLong()).isZero();
        assertThat(ledger.get("outOfOrder").asLong()).isZero();
        assertThat(result.get("latencies").get("send -> delivered").get("count").asLong()).isBetween(98L, 100L);
        assertThat(result.get("timeline").size()).as("a second each, the last one partial").isGreaterThanOrEqualTo(6);
        assertThat(timelineSum(result, "sent")).as("the timeline accounts for every send").isEqualTo(ledger.get("sent").asLong());
        assertThat(timelineSum(result, "delivered")).isEqualTo(ledger.get("delivered").asLong());
        assertThat(Files.readString(out.resolve("plot.html"))).contains("<svg");
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("CLEAN");
    }

    @Test
    void aReconnectStormLosesAndDoublesNothingAndEveryoneSyncsAgain(@TempDir Path out) throws Exception {
        JsonNode result = cleanRun(out, "reconnect-storm", "--users=30", "--rate=30", "--before=3s", "--after=2s");

        JsonNode ledger = result.get("ledger");
        JsonNode numbers = result.get("numbers");
        assertThat(numbers.get("dropped at once").asLong()).isEqualTo(30);
        assertThat(numbers.get("from the drop until all were synced (s)").isNumber()).isTrue();
        assertThat(ledger.get("sent").asLong()).as("30 msg/s for 3 s, the storm and 2 s").isGreaterThanOrEqualTo(150L);
        assertThat(ledger.get("delivered").asLong()).isEqualTo(ledger.get("sent").asLong());
        assertThat(ledger.get("duplicated").asLong()).isZero();
        assertThat(ledger.get("outOfOrder").asLong()).isZero();
        assertThat(ledger.get("unexpected").asLong()).isZero();
    }

    private static long timelineSum(JsonNode result, String event) {
        long sum = 0;
        for (JsonNode second : result.get("timeline")) {
            sum += second.get("perSecond").get(event).asLong();
        }
        return sum;
    }

    @Test
    void aShortGroupFanoutRunDeliversEveryCopyOnceToEveryOtherMember(@TempDir Path out) throws Exception {
        JsonNode result = cleanRun(out, "group-fanout", "--groups=2", "--members=20", "--rate=10", "--warmup=1s",
                "--duration=5s", "--accounts=seed", "--group-service=" + cluster.groupService.baseUri(),
                "--message-service=" + cluster.messageService.baseUri());

        JsonNode ledger = result.get("ledger");
        long sent = ledger.get("sent").asLong();
        assertThat(sent).as("10 group messages/s for 6 s, open loop").isBetween(58L, 60L);
        assertThat(ledger.get("expected").asLong()).as("a copy at each of the 19 others").isEqualTo(19 * sent);
        assertThat(ledger.get("delivered").asLong()).isEqualTo(19 * sent);
        assertThat(ledger.get("duplicated").asLong()).isZero();
        assertThat(ledger.get("outOfOrder").asLong()).isZero();
        assertThat(ledger.get("unexpected").asLong()).isZero();
        assertThat(result.get("latencies").get("send -> last member").get("count").asLong())
                .as("the measured 5 s of messages, each complete once").isBetween(48L, 50L);
        assertThat(result.get("numbers").get("system messages received (group changes)").asLong())
                .as("CREATED and ADDED at each of the 40 members").isEqualTo(80);
        assertThat(result.get("numbers").get("fan-out lag samples").asLong()).isPositive();
        assertThat(timelineSum(result, "delivered")).isEqualTo(19 * sent);
    }

    @Test
    void aConnectionsRunSplitOverWorkerProcessesHoldsEveryConnectionOfEveryWorker(@TempDir Path out) throws Exception {
        int code = LoadTool.run("connections", "--connections=31", "--processes=3", "--hold=2s", "--accounts=seed",
                "--user-service=" + cluster.userService.baseUri(),
                "--handlers=" + ChatCluster.wsUri(cluster.handler1) + "," + ChatCluster.wsUri(cluster.handler2),
                "--out=" + out);

        assertThat(code).as("exit code of a clean run").isZero();
        JsonNode numbers = JsonMapper.builder().build().readTree(Files.readString(out.resolve("result.json")))
                .get("numbers");
        assertThat(numbers.get("load processes").asInt()).isEqualTo(3);
        assertThat(numbers.get("held to the end").asLong()).as("11 + 10 + 10, each worker's share").isEqualTo(31);
        assertThat(numbers.get("closed while held").asLong()).isZero();
        assertThat(numbers.get("connect rate users (connections/s)").asDouble()).isPositive();
    }

    /** Runs the scenario against the cluster, asserts exit code 0, and returns its result.json. */
    private JsonNode cleanRun(Path out, String scenario, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(scenario));
        args.addAll(List.of(options));
        args.addAll(List.of("--drain=60s", "--user-service=" + cluster.userService.baseUri(),
                "--handlers=" + ChatCluster.wsUri(cluster.handler1) + "," + ChatCluster.wsUri(cluster.handler2),
                "--out=" + out));
        assertThat(LoadTool.run(args.toArray(String[]::new))).as("exit code of a clean run").isZero();
        return JsonMapper.builder().build().readTree(Files.readString(out.resolve("result.json")));
    }

    @Test
    void badArgumentsAreRefusedWithExitCode2BeforeAnythingIsSent(@TempDir Path out) throws Exception {
        assertThat(LoadTool.run("no-such-scenario")).isEqualTo(2);
        assertThat(LoadTool.run("one-to-one", "--users=1", "--out=" + out.resolve("a"))).isEqualTo(2);
        assertThat(LoadTool.run("one-to-one", "--usres=5", "--out=" + out.resolve("b"))).isEqualTo(2);
        assertThat(LoadTool.run("one-to-one", "--user-service=http://192.0.2.1:8081", "--out=" + out.resolve("c")))
                .as("never any address but loopback").isEqualTo(2);
        assertThat(LoadTool.run("connections", "--connections=40000", "--out=" + out.resolve("d")))
                .as("more sockets than one process may open").isEqualTo(2);
        assertThat(out.resolve("d")).doesNotExist();
        assertThat(out.resolve("a")).doesNotExist();
        assertThat(out.resolve("b")).doesNotExist();
        assertThat(out.resolve("c")).doesNotExist();
    }
}
