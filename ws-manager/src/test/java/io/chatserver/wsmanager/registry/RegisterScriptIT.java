package io.chatserver.wsmanager.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** register.lua against the real Redis. */
class RegisterScriptIT {

    @RegisterExtension
    static final RegistryRedis redis = new RegistryRedis();

    private final UUID user = UUID.randomUUID();

    @Test
    void firstRegistrationWritesBothDirectionsAndGivesTheHandlerAGraceLease() {
        SessionRef replaced = redis.registry.register(user, 1, "h1", "s1").block();

        assertThat(replaced).isNull();
        long now = redis.clock.millis();
        assertThat(redis.redis.opsForHash().get(redis.keys.user(user), "1").block()).isEqualTo("h1|s1|" + now);
        assertThat(redis.redis.opsForSet().members(redis.keys.handler("h1")).collectList().block())
                .containsExactly(user + "|1|s1");
        assertThat(redis.redis.opsForZSet().score(redis.keys.leases, "h1").block())
                .isEqualTo((double) (now + RegistryRedis.TTL.toMillis()));
    }

    @Test
    void aNewSessionOnAnotherHandlerReplacesTheOldOneAtomically() {
        redis.registry.register(user, 1, "h1", "s1").block();

        SessionRef replaced = redis.registry.register(user, 1, "h2", "s2").block();

        assertThat(replaced).isEqualTo(new SessionRef("h1", "s1"));
        assertThat(redis.redis.opsForSet().members(redis.keys.handler("h1")).collectList().block()).isEmpty();
        assertThat(redis.redis.opsForSet().members(redis.keys.handler("h2")).collectList().block())
                .containsExactly(user + "|1|s2");
        assertThat((String) redis.redis.opsForHash().get(redis.keys.user(user), "1").block()).startsWith("h2|s2|");
    }

    @Test
    void aNewSessionOnTheSameHandlerReplacesTheOldOne() {
        redis.registry.register(user, 1, "h1", "s1").block();

        assertThat(redis.registry.register(user, 1, "h1", "s2").block()).isEqualTo(new SessionRef("h1", "s1"));
        assertThat(redis.redis.opsForSet().members(redis.keys.handler("h1")).collectList().block())
                .containsExactly(user + "|1|s2");
    }

    @Test
    void otherDevicesOfTheUserAreUntouched() {
        redis.registry.register(user, 1, "h1", "s1").block();

        assertThat(redis.registry.register(user, 2, "h2", "s2").block()).isNull();
        assertThat(redis.redis.opsForHash().size(redis.keys.user(user)).block()).isEqualTo(2);
    }

    @Test
    void aRetriedRegistrationReplacesNothingAndKeepsConnectedAt() {
        redis.registry.register(user, 1, "h1", "s1").block();
        String first = (String) redis.redis.opsForHash().get(redis.keys.user(user), "1").block();
        redis.clock.advance(Duration.ofSeconds(3));

        assertThat(redis.registry.register(user, 1, "h1", "s1").block()).isNull();
        assertThat(redis.redis.opsForHash().get(redis.keys.user(user), "1").block()).isEqualTo(first);
    }

    @Test
    void anExistingLeaseIsNeitherExtendedNorShortened() {
        redis.registry.renewLease("h1").block();
        Double deadline = redis.redis.opsForZSet().score(redis.keys.leases, "h1").block();
        redis.clock.advance(Duration.ofSeconds(5));

        redis.registry.register(user, 1, "h1", "s1").block();

        assertThat(redis.redis.opsForZSet().score(redis.keys.leases, "h1").block()).isEqualTo(deadline);
    }

    @Test
    void aLateRegistrationOfAnOlderSessionIsRefusedAndChangesNothing() {
        // The device's first try timed out at its handler, which gave up; its retry registered first.
        var firstTry = redis.clock.instant();
        redis.clock.advance(Duration.ofSeconds(2));
        redis.registry.register(user, 1, "h2", "s2", redis.clock.instant()).block();
        Object current = redis.redis.opsForHash().get(redis.keys.user(user), "1").block();

        assertThat(catchThrowable(() -> redis.registry.register(user, 1, "h1", "s1", firstTry).block()))
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_REPLACED));
        assertThat(redis.redis.opsForHash().get(redis.keys.user(user), "1").block()).isEqualTo(current);
        assertThat(redis.redis.opsForSet().members(redis.keys.handler("h1")).collectList().block()).isEmpty();
        assertThat(redis.redis.opsForZSet().score(redis.keys.leases, "h1").block())
                .as("a refused registration gives its handler no lease").isNull();
        assertThat(redis.redis.opsForSet().members(redis.keys.handler("h2")).collectList().block())
                .containsExactly(user + "|1|s2");
    }

    @Test
    void aSessionThatBeganAtTheSameMillisecondStillReplaces() {
        var now = redis.clock.instant();
        redis.registry.register(user, 1, "h1", "s1", now).block();

        assertThat(redis.registry.register(user, 1, "h2", "s2", now).block()).isEqualTo(new SessionRef("h1", "s1"));
    }
}
