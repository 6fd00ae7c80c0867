package io.chatserver.lastseenservice;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.PlatformContract;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.KAFKA})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class LastseenServiceIT implements PlatformContract {

    @LocalServerPort
    int port;

    @Override
    public int port() {
        return port;
    }

    @Override
    public String applicationName() {
        return "lastseen-service";
    }

    @Autowired
    WebTestClient web;

    @Test
    void readyWithRedisAndMysqlUp() {
        web.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP")
                .jsonPath("$.components.redis.status").isEqualTo("UP")
                .jsonPath("$.components.redis.details.version").exists()
                .jsonPath("$.components.db.status").isEqualTo("UP");
    }
}
