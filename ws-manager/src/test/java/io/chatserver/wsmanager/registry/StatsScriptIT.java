package io.chatserver.wsmanager.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** stats.lua: the gauges count live handlers and their sessions only. */
class StatsScriptIT {

    @RegisterExtension
    static final RegistryRedis redis = new RegistryRedis();

    @Test
    void countsLiveHandlersAndTheirSessions() {
        assertThat(redis.registry.stats().block()).isEqualTo(new RegistryStats(0, 0));

        redis.registry.register(UUID.randomUUID(), 1, "h1", "s1").block();
        redis.clock.advance(Duration.ofSeconds(10));
        redis.registry.register(UUID.randomUUID(), 1, "h2", "s2").block();
        redis.registry.register(UUID.randomUUID(), 2, "h2", "s3").block();
        assertThat(redis.registry.stats().block()).isEqualTo(new RegistryStats(2, 3));

        redis.clock.advance(Duration.ofSeconds(6));
        assertThat(redis.registry.stats().block()).as("h1's lease expired").isEqualTo(new RegistryStats(1, 2));
    }
}
