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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tool (issue 4) against the services as processes: a short one-to-one run whose ledger
 * must be clean, and arguments it must refuse before sending anything.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.CASSANDRA})
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
        int code = LoadTool.run("one-to-one", "--users=20", "--rate=20", "--warmup=1s", "--duration=5s",
                "--drain=60s", "--user-service=" + cluster.userService.baseUri(),
                "--handlers=" + ChatCluster.wsUri(cluster.handler1) + "," + ChatCluster.wsUri(cluster.handler2),
                "--out=" + out);

        assertThat(code).as("exit code of a clean run").isZero();
        JsonNode result = JsonMapper.builder().build().readTree(Files.readString(out.resolve("result.json")));
        JsonNode ledger = result.get("ledger");
        assertThat(ledger.get("sent").asLong()).as("20 msg/s for 6 s, open loop").isBetween(118L, 120L);
        assertThat(ledger.get("delivered").asLong()).isEqualTo(ledger.get("sent").asLong());
        assertThat(ledger.get("duplicated").asLong()).isZero();
        assertThat(ledger.get("outOfOrder").asLong()).isZero();
        assertThat(result.get("latencies").get("send -> delivered").get("count").asLong()).isBetween(98L, 100L);
        assertThat(result.get("timeline").size()).isGreaterThanOrEqualTo(6);
        assertThat(Files.readString(out.resolve("plot.html"))).contains("<svg");
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("CLEAN");
    }

    @Test
    void badArgumentsAreRefusedWithExitCode2BeforeAnythingIsSent(@TempDir Path out) throws Exception {
        assertThat(LoadTool.run("no-such-scenario")).isEqualTo(2);
        assertThat(LoadTool.run("one-to-one", "--users=1", "--out=" + out.resolve("a"))).isEqualTo(2);
        assertThat(LoadTool.run("one-to-one", "--usres=5", "--out=" + out.resolve("b"))).isEqualTo(2);
        assertThat(LoadTool.run("one-to-one", "--user-service=http://192.0.2.1:8081", "--out=" + out.resolve("c")))
                .as("never any address but loopback").isEqualTo(2);
        assertThat(out.resolve("a")).doesNotExist();
        assertThat(out.resolve("b")).doesNotExist();
        assertThat(out.resolve("c")).doesNotExist();
    }
}
