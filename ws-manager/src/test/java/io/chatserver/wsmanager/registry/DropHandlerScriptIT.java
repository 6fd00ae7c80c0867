package io.chatserver.wsmanager.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** drop_handler.lua, through the reaper and graceful shutdown, against the real Redis; two sessions a call. */
class DropHandlerScriptIT {

    @RegisterExtension
    static final RegistryRedis redis = new RegistryRedis(2);

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void theReaperRemovesTheSessionsOfAnExpiredHandlerOnly() {
        redis.registry.renewLease("dead").block();
        redis.registry.register(alice, 1, "dead", "s1").block();
        redis.registry.register(alice, 2, "dead", "s2").block();
        redis.clock.advance(Duration.ofSeconds(10));
        redis.registry.renewLease("alive").block();
        redis.registry.register(bob, 1, "alive", "s3").block();
        redis.clock.advance(Duration.ofSeconds(6));

        assertThat(redis.registry.reapExpired().block()).isEqualTo(2);

        assertThat(redis.redis.hasKey(redis.keys.user(alice)).block()).isFalse();
        assertThat(redis.redis.hasKey(redis.keys.handler("dead")).block()).isFalse();
        assertThat(redis.redis.opsForZSet().score(redis.keys.leases, "dead").block()).isNull();
        assertThat(redis.registry.userSessions(bob).collectList().block()).hasSize(1);
        assertThat(redis.registry.reapExpired().block()).as("idempotent").isZero();
    }

    @Test
    void aDeviceThatMovedToAnotherHandlerSurvivesTheReapOfItsOldHandler() {
        redis.registry.register(alice, 1, "new", "s2").block();
        // A stale member the old handler's set still lists (e.g. written before a crash).
        redis.redis.opsForSet().add(redis.keys.handler("old"), alice + "|1|s1").block();
        redis.redis.opsForZSet().add(redis.keys.leases, "old", 0).block();

        assertThat(redis.registry.reapExpired().block()).isZero();
        assertThat((String) redis.redis.opsForHash().get(redis.keys.user(alice), "1").block()).startsWith("new|s2|");
    }

    @Test
    void aLeaseRenewedAfterTheReaperLookedIsNotDropped() {
        redis.registry.register(alice, 1, "h1", "s1").block();
        long reaperSawAt = redis.clock.millis() - 1; // the reaper's "now", older than the renewed deadline

        assertThat(dropChunk("h1", reaperSawAt)).containsExactly(-1L, 1L);
        assertThat(redis.registry.userSessions(alice).collectList().block()).hasSize(1);
    }

    @Test
    void aHandlerWithMoreSessionsThanOneCallTakesIsDroppedWhole() {
        for (int device = 1; device <= 5; device++) {
            redis.registry.register(alice, device, "dead", "s" + device).block();
        }
        redis.clock.advance(Duration.ofSeconds(16));

        assertThat(redis.registry.reapExpired().block()).isEqualTo(5);
        assertThat(redis.redis.hasKey(redis.keys.user(alice)).block()).isFalse();
        assertThat(redis.redis.hasKey(redis.keys.handler("dead")).block()).isFalse();
    }

    @Test
    void aRenewalHalfWayStopsTheDropAndTellsTheHandlerToSendItsSessions() {
        redis.registry.renewLease("h1").block();
        for (int device = 1; device <= 5; device++) {
            redis.registry.register(alice, device, "h1", "s" + device).block();
        }
        redis.clock.advance(Duration.ofSeconds(16));
        long reaperSawAt = redis.clock.millis();

        assertThat(dropChunk("h1", reaperSawAt)).containsExactly(2L, 3L);
        assertThat(redis.registry.renewLease("h1").block()).as("the marker went first").isFalse();
        assertThat(dropChunk("h1", reaperSawAt)).containsExactly(-1L, 3L);

        assertThat(redis.registry.userSessions(alice).collectList().block()).hasSize(3);
    }

    /** One call of the script as the reaper makes it: {removed, left} (the time it also answers left out). */
    private static List<Long> dropChunk(String handler, long reaperSawAt) {
        return redis.redis.execute(RegistryScripts.DROP_HANDLER,
                        List.of(redis.keys.leases, redis.keys.handler(handler), redis.keys.renewed(handler),
                                redis.keys.presenceChanges),
                        List.of(handler, Long.toString(reaperSawAt), redis.keys.userPrefix, "2",
                                Long.toString(redis.clock.millis()), Long.toString(RegistryRedis.TTL.toMillis()), "1000"))
                .collectList().block().stream().flatMap(reply -> ((List<?>) reply).stream().limit(2))
                .map(value -> Long.parseLong(value.toString())).toList();
    }

    @Test
    void gracefulShutdownDropsALiveHandlerAtOnce() {
        redis.registry.renewLease("h1").block();
        redis.registry.register(alice, 1, "h1", "s1").block();

        assertThat(redis.registry.dropHandler("h1").block()).isEqualTo(1);
        assertThat(redis.redis.opsForZSet().score(redis.keys.leases, "h1").block()).isNull();
        assertThat(redis.registry.userSessions(alice).collectList().block()).isEmpty();
    }
}
