package io.chatserver.groupservice;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.NoBlockingOnEventLoops;
import io.chatserver.testsupport.PlatformContract;
import io.chatserver.testsupport.RequiresLocalStack;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@RequiresLocalStack({LocalStack.MARIADB, LocalStack.KAFKA, LocalStack.REDIS})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class GroupServiceIT implements PlatformContract {

    static {
        // Before any context starts Reactor's threads: installed later, BlockHound's instrumentation
        // meets a parallel worker parked mid-wait and kills it, and timers on it never fire again.
        NoBlockingOnEventLoops.install();
    }

    @LocalServerPort
    int port;

    @Override
    public int port() {
        return port;
    }

    @Override
    public String applicationName() {
        return "group-service";
    }

    @Autowired
    WebTestClient web;
    @Autowired
    Flyway flyway;
    @Autowired
    JdbcClient jdbc;

    @Test
    void readyOnlyWithMysqlKafkaAndRedisUp() {
        web.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP")
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.db.details.database").isEqualTo("MySQL")
                .jsonPath("$.components.kafka.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.details.brokers").isEqualTo(1)
                .jsonPath("$.components.kafka.details.clusterId").isNotEmpty()
                .jsonPath("$.components.redis.status").isEqualTo("UP");
    }

    @Test
    void flywayCreatedTheGroupTables() {
        assertThat(flyway.getConfiguration().getLocations()).extracting(Object::toString)
                .containsExactly("classpath:db/migration");
        assertThat(flyway.info().pending()).isEmpty();
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'chat_groups' ORDER BY table_name")
                .query(String.class).list();
        assertThat(tables).contains("chat_groups", "group_members", "group_changes", "flyway_schema_history");
    }
}
