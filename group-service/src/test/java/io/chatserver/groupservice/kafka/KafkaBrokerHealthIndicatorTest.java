package io.chatserver.groupservice.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerHealthIndicatorTest {

    @Test
    void anUnreachableBrokerIsDownWithinTheShortTimeout() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort));
        try (KafkaBrokerHealthIndicator indicator = new KafkaBrokerHealthIndicator(admin, Duration.ofMillis(500))) {
            long started = System.nanoTime();
            Health health = indicator.health().block(Duration.ofSeconds(10));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(health).isNotNull();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
            assertThat(took).isLessThan(Duration.ofSeconds(3));
        }
    }
}
