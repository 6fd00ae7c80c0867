package io.chatserver.userservice;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.NoBlockingOnEventLoops;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

/**
 * Base of the integration tests: the whole service on a random port against the real Redis and
 * MariaDB of the local stack, with a clock tests can move. All subclasses share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(IntegrationTest.TestClock.class)
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB})
public abstract class IntegrationTest {

    static {
        NoBlockingOnEventLoops.install();
    }

    @LocalServerPort
    private int port;

    @Autowired
    protected MutableClock clock;

    protected WebTestClient client;
    protected UserApi api;

    @DynamicPropertySource
    static void wsManager(DynamicPropertyRegistry registry) {
        registry.add("chat.user-service.ws-manager-url", () -> FakeWsManager.get().baseUrl());
        // No asset-service here (MediaE2EIT runs profile photos against the real one): a port nobody listens on.
        registry.add("chat.user-service.asset-service-url", () -> "http://127.0.0.1:" + CLOSED_PORT);
    }

    private static final int CLOSED_PORT = io.chatserver.testsupport.FreePorts.next();

    @BeforeEach
    void connect() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        api = new UserApi(client);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        /** Replaces the platform's system clock (it backs off when a Clock bean exists). */
        @Bean
        MutableClock clock() {
            return new MutableClock();
        }
    }
}
