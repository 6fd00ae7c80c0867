package io.chatserver.groupservice;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.NoBlockingOnEventLoops;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.time.Duration;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Kubernetes must stop routing to an instance that cannot reach Kafka, while liveness stays UP. */
@RequiresLocalStack({LocalStack.MARIADB, LocalStack.REDIS})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class KafkaDownIT {

    static {
        // Before any context starts Reactor's threads: installed later, BlockHound's instrumentation
        // meets a parallel worker parked mid-wait and kills it, and timers on it never fire again.
        NoBlockingOnEventLoops.install();
    }

    @DynamicPropertySource
    static void kafkaOnAClosedPort(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int closed = probe.getLocalPort();
            registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closed);
        }
    }

    @Autowired
    WebTestClient web;

    @Test
    void readinessIsDownButLivenessUp() {
        // The probe answers after the Kafka check's own timeout (2 s); seen to pass 5 s once in a full run.
        WebTestClient web = this.web.mutate().responseTimeout(Duration.ofSeconds(20)).build();
        web.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.components.kafka.status").isEqualTo("DOWN")
                .jsonPath("$.components.db.status").isEqualTo("UP");
        web.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
