package io.chatserver.loadtest.relay;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.chatserver.loadtest.LoadTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.DisposableServer;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bare-relay reference (in this JVM) under the one-to-one traffic of the load tool. */
class BareRelayTest {

    @Test
    void theRelayDeliversEverySendOnceInOrderAndAnswersAcks(@TempDir Path out) throws Exception {
        BareRelay relay = new BareRelay();
        DisposableServer server = relay.start(InetAddress.getLoopbackAddress(), 0);
        try {
            int code = LoadTool.run("bare-relay", "--users=10", "--rate=200", "--warmup=1s", "--duration=2s",
                    "--drain=10s", "--handlers=ws://127.0.0.1:" + server.port() + "/v1/ws", "--out=" + out);

            assertThat(code).as("exit code of a clean run").isZero();
            JsonNode ledger = JsonMapper.builder().build().readTree(Files.readString(out.resolve("result.json"))).get("ledger");
            assertThat(ledger.get("sent").asLong()).as("200 msg/s for 3 s").isBetween(598L, 600L);
            assertThat(ledger.get("delivered").asLong()).isEqualTo(ledger.get("sent").asLong());
            assertThat(ledger.get("duplicated").asLong()).isZero();
            assertThat(ledger.get("outOfOrder").asLong()).isZero();
            assertThat(relay.relayed()).isEqualTo(ledger.get("sent").asLong());
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void theRelayListensOnLoopbackOnly() throws Exception {
        assertThat(LoadTool.run("serve-relay", "--host=192.0.2.1")).isEqualTo(2);
        assertThat(LoadTool.run("serve-relay", "--prot=8099")).as("a typo is refused").isEqualTo(2);
    }
}
