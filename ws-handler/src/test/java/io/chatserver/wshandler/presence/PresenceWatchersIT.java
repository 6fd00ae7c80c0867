package io.chatserver.wshandler.presence;

import io.chatserver.platform.presence.PresenceKeys;
import io.chatserver.platform.runtime.ChatInstanceProperties;
import io.chatserver.protocol.WireFormat;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.RecordingSession;
import io.chatserver.wshandler.connection.TestConnections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watcher sets in the local stack's Redis: a handler is in a user's set while one of its
 * connections watches the user, and a refused subscription's restore writes back what the previous
 * one needs without taking the refused one's users out (a publish for one finds nobody and does).
 */
@RequiresLocalStack(LocalStack.REDIS)
class PresenceWatchersIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String HANDLER = "watchers-it";

    private static LettuceConnectionFactory factory;
    private static ReactiveStringRedisTemplate redis;

    private final PresenceProperties properties = new PresenceProperties(URI.create("http://127.0.0.1:1"),
            Duration.ofSeconds(3), 16, 100, 1, 5, "chat:test:" + UUID.randomUUID() + ":presence:",
            Duration.ofHours(1), Duration.ofMinutes(10));
    private final PresenceKeys keys = new PresenceKeys(properties.keyPrefix());
    private final PresenceWatchers watchers = new PresenceWatchers(redis, properties,
            new ChatInstanceProperties(HANDLER), Clock.systemUTC(), new SimpleMeterRegistry());
    private final UUID u1 = UUID.randomUUID();
    private final UUID u2 = UUID.randomUUID();
    private final UUID u3 = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(LocalStack.HOST, LocalStack.REDIS.port()));
        factory.afterPropertiesSet();
        factory.start();
        redis = new ReactiveStringRedisTemplate(factory);
    }

    @AfterAll
    static void disconnect() {
        factory.destroy();
    }

    @AfterEach
    void stop() {
        watchers.destroy();
    }

    @Test
    void theFirstLocalWatcherAddsTheHandlerAndTheLastOneTakesItOut() {
        Connection a = connection();
        Connection b = connection();
        watchers.replace(a, List.of(u1, u2)).block(TIMEOUT);
        watchers.replace(b, List.of(u2)).block(TIMEOUT);
        assertThat(inSet(u1)).isTrue();
        assertThat(redis.getExpire(keys.watchers(u1)).block(TIMEOUT)).isPositive();

        watchers.replace(a, List.of(u3)).block(TIMEOUT);

        assertThat(inSet(u1)).as("nobody here watches u1 now").isFalse();
        assertThat(inSet(u2)).as("b still watches u2").isTrue();
        assertThat(inSet(u3)).isTrue();
        watchers.closing(b);
        awaitOut(u2);
    }

    @Test
    void aRestoreWritesThePreviousBackAndLeavesTheRefusedUsersForTheNextPublish() {
        Connection a = connection();
        watchers.replace(a, List.of(u1)).block(TIMEOUT);
        watchers.replace(a, List.of(u2)).block(TIMEOUT); // the subscription that is then refused
        assertThat(inSet(u1)).isFalse();

        watchers.restore(a, List.of(u1)).block(TIMEOUT);

        assertThat(inSet(u1)).as("watched again").isTrue();
        assertThat(watchers.watchedBy(a)).containsExactly(u1);
        assertThat(inSet(u2)).as("left for the next publish").isTrue();
        watchers.forget(u2).block(TIMEOUT); // what a publish for u2 does, nobody here watching
        assertThat(inSet(u2)).isFalse();
        watchers.forget(u1).block(TIMEOUT);
        assertThat(inSet(u1)).as("still watched: not forgotten").isTrue();
    }

    private static Connection connection() {
        return TestConnections.open(new RecordingSession(), WireFormat.PROTOBUF, 16);
    }

    private boolean inSet(UUID user) {
        return Boolean.TRUE.equals(redis.opsForSet().isMember(keys.watchers(user), HANDLER).block(TIMEOUT));
    }

    private void awaitOut(UUID user) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (inSet(user)) {
            assertThat(System.nanoTime()).as("%s out of its set", user).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
