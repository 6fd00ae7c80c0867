package io.chatserver.messageservice.directory;

import io.chatserver.messageservice.UserServiceFixture;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device lists kept in memory against the real Redis and user-service: a kept list is used only
 * while its version tag is the one it was read with. "asked" counts calls to user-service.
 */
@RequiresLocalStack({LocalStack.CASSANDRA, LocalStack.KAFKA, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeviceDirectoryIT {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        UserServiceFixture.register(registry);
    }

    @Autowired
    DeviceDirectory directory;
    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    MeterRegistry meters;

    private UUID alice;
    private UUID bob;

    @BeforeEach
    void users() {
        Accounts accounts = new Accounts(UserServiceFixture.shared().baseUri());
        alice = UUID.fromString(accounts.registerNew().userId());
        bob = UUID.fromString(accounts.registerNew().userId());
    }

    @Test
    void aListIsAskedForOnceAndThenKeptWhileItsTagStands() {
        double asked = asked();
        assertThat(directory.devices(List.of(alice, bob)).block()).isEqualTo(Map.of(alice, List.of(1), bob, List.of(1)));
        assertThat(asked()).isEqualTo(asked + 2);

        for (int i = 0; i < 3; i++) {
            assertThat(directory.devices(List.of(bob, alice)).block()).isEqualTo(Map.of(alice, List.of(1), bob, List.of(1)));
        }
        assertThat(asked()).as("kept lists, only the tags read").isEqualTo(asked + 2);
    }

    @Test
    void aNewTagMakesTheNextLookupAskAgain() {
        directory.devices(List.of(alice)).block();
        double asked = asked();

        redis.opsForValue().set(tagKey(alice), "changed-" + UUID.randomUUID()).block(); // what user-service does after a change
        assertThat(directory.devices(List.of(alice, bob)).block()).containsEntry(alice, List.of(1));
        assertThat(asked()).as("alice asked again, bob for the first time").isEqualTo(asked + 2);

        directory.devices(List.of(alice)).block();
        assertThat(asked()).as("the new tag's list is kept").isEqualTo(asked + 2);
    }

    @Test
    void aTagRedisLostMeansAskingAgainAndKeepingTheNewOne() {
        directory.devices(List.of(alice)).block();
        double asked = asked();

        redis.delete(tagKey(alice)).block();
        assertThat(directory.devices(List.of(alice)).block()).containsEntry(alice, List.of(1));
        assertThat(directory.devices(List.of(alice)).block()).containsEntry(alice, List.of(1));
        assertThat(asked()).as("asked once; user-service set a new tag").isEqualTo(asked + 1);
    }

    @Test
    void anUnknownUserIsLeftOutAndNeverKept() {
        UUID nobody = UUID.randomUUID();
        double asked = asked();
        assertThat(directory.devices(List.of(nobody, alice)).block()).containsOnlyKeys(alice);
        assertThat(directory.devices(List.of(nobody)).block()).isEmpty();
        assertThat(asked()).as("a user registering a second later must be found").isEqualTo(asked + 3);
    }

    private double asked() {
        return meters.counter("chat.device-lists", "result", "asked").count();
    }

    private static String tagKey(UUID user) {
        return "chat:device-list:" + user;
    }
}
