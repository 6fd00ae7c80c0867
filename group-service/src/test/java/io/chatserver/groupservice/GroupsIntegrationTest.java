package io.chatserver.groupservice;

import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.NoBlockingOnEventLoops;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.testsupport.SharedUserService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Base of group-service's ITs: the service on a random port against the real MariaDB, Redis and
 * Kafka, with real accounts and access tokens from a real user-service (seeded in bulk), and a
 * read-replica pool pointed at the same MariaDB. All subclasses share one context and one pool of
 * users; each test takes fresh ones.
 */
@RequiresLocalStack({LocalStack.MARIADB, LocalStack.KAFKA, LocalStack.REDIS})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class GroupsIntegrationTest {

    static {
        NoBlockingOnEventLoops.install();
    }

    private static final Deque<Accounts.Seeded> POOL = new ArrayDeque<>();
    /** This run's change topic, so a test reads only the changes this run relayed. */
    static final String CHANGES_TOPIC = "chat.group-changes.it-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    GroupApi api;

    @DynamicPropertySource
    static void userService(DynamicPropertyRegistry registry) {
        registry.add("chat.group-changes.topic", () -> CHANGES_TOPIC);
        registry.add("chat.group-changes.partitions", () -> 3);
        registry.add("chat.groups.user-service-url", () -> SharedUserService.get().baseUri().toString());
        registry.add("chat.security.jwks-uri",
                () -> SharedUserService.get().baseUri().resolve("/.well-known/jwks.json").toString());
        // The reads that may lag go through a pool of their own, as to a replica; here the same server.
        registry.add("chat.groups.read-replica.url",
                () -> "jdbc:mysql://127.0.0.1:" + LocalStack.MARIADB.port() + "/chat_groups");
        registry.add("chat.groups.read-replica.username", () -> "chat");
        registry.add("chat.groups.read-replica.password", () -> "chat-local");
    }

    @BeforeEach
    void client() {
        api = new GroupApi(port);
    }

    /** Fresh users with tokens (valid ten minutes), seeded a thousand at a time. */
    static synchronized List<Accounts.Seeded> users(int count) {
        if (POOL.size() < count) {
            POOL.addAll(new Accounts(SharedUserService.get().baseUri()).seed(Math.max(1000, count)));
        }
        List<Accounts.Seeded> taken = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            taken.add(POOL.pop());
        }
        return taken;
    }

    static List<String> ids(List<Accounts.Seeded> users) {
        return users.stream().map(Accounts.Seeded::userId).toList();
    }
}
