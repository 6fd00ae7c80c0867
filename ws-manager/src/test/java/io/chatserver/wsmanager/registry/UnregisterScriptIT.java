package io.chatserver.wsmanager.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** unregister.lua (compare-and-delete) against the real Redis. */
class UnregisterScriptIT {

    @RegisterExtension
    static final RegistryRedis redis = new RegistryRedis();

    private final UUID user = UUID.randomUUID();

    @Test
    void removesTheCurrentSessionInBothDirections() {
        redis.registry.register(user, 1, "h1", "s1").block();

        assertThat(redis.registry.unregister(user, 1, "s1").block()).isTrue();
        assertThat(redis.redis.hasKey(redis.keys.user(user)).block()).isFalse();
        assertThat(redis.redis.opsForSet().size(redis.keys.handler("h1")).block()).isZero();
    }

    @Test
    void aLateDeleteOfAnOldSessionLeavesTheNewOne() {
        redis.registry.register(user, 1, "h1", "s1").block();
        redis.registry.register(user, 1, "h2", "s2").block();

        assertThat(redis.registry.unregister(user, 1, "s1").block()).isFalse();
        assertThat((String) redis.redis.opsForHash().get(redis.keys.user(user), "1").block()).startsWith("h2|s2|");
        assertThat(redis.redis.opsForSet().members(redis.keys.handler("h2")).collectList().block())
                .containsExactly(user + "|1|s2");
    }

    @Test
    void anUnknownDeviceOrSessionChangesNothing() {
        redis.registry.register(user, 1, "h1", "s1").block();

        assertThat(redis.registry.unregister(user, 2, "s1").block()).isFalse();
        assertThat(redis.registry.unregister(UUID.randomUUID(), 1, "s1").block()).isFalse();
        assertThat(redis.redis.opsForSet().size(redis.keys.handler("h1")).block()).isEqualTo(1);
    }
}
