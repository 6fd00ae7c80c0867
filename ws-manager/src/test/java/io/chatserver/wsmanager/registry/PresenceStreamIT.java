package io.chatserver.wsmanager.registry;

import io.chatserver.platform.presence.PresenceChange;
import io.chatserver.platform.registry.DeviceSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.domain.Range;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The presence stream the registry's scripts write (PresenceChange), against the real Redis: one
 * entry when a user's first device registers, one when their last session goes, whichever way it
 * goes, with the instant that is their last seen. Two sessions per reconcile or drop call.
 */
class PresenceStreamIT {

    @RegisterExtension
    static final RegistryRedis redis = new RegistryRedis(2);

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void theFirstDeviceBringsTheUserOnlineAndOnlyTheLastOneTakesThemOffline() {
        Instant connected = redis.clock.instant();
        redis.registry.register(alice, 1, "h1", "s1").block();
        redis.clock.advance(Duration.ofSeconds(5));
        redis.registry.register(alice, 2, "h2", "s2").block();
        redis.registry.register(alice, 1, "h2", "s3").block(); // device 1 again, replacing s1

        assertThat(changes()).containsExactly(change(alice, true, connected));

        Instant lastFrame = redis.clock.instant().minusSeconds(3);
        assertThat(redis.registry.unregister(alice, 1, "s3", lastFrame).block()).isTrue();
        assertThat(changes()).as("device 2 is still connected").hasSize(1);
        assertThat(redis.registry.unregister(alice, 2, "s2", lastFrame).block()).isTrue();

        assertThat(changes()).containsExactly(change(alice, true, connected), change(alice, false, lastFrame));
    }

    @Test
    void aLastActivityReportedAfterNowCountsAsNow() {
        redis.registry.register(alice, 1, "h1", "s1").block();

        redis.registry.unregister(alice, 1, "s1", redis.clock.instant().plusSeconds(30)).block();

        assertThat(changes().get(1)).isEqualTo(change(alice, false, redis.clock.instant()));
    }

    @Test
    void aLateUnregisterOrARetriedRegistrationWritesNothing() {
        redis.registry.register(alice, 1, "h1", "s1").block();
        redis.registry.register(alice, 1, "h1", "s1").block();
        redis.registry.register(alice, 1, "h2", "s2").block();

        assertThat(redis.registry.unregister(alice, 1, "s1").block()).isFalse();

        assertThat(changes()).hasSize(1);
    }

    @Test
    void theUsersOfADeadHandlerGoOfflineAsOfItsLastRenewal() {
        redis.registry.renewLease("dead").block();
        Instant lastRenewal = redis.clock.instant();
        for (int device = 1; device <= 3; device++) { // more than one script call's worth
            redis.registry.register(UUID.nameUUIDFromBytes(new byte[] {(byte) device}), 1, "dead", "s" + device).block();
        }
        redis.registry.register(alice, 1, "dead", "s4").block();
        redis.registry.register(bob, 1, "dead", "s5").block();
        redis.registry.register(bob, 2, "alive", "s6").block();
        redis.clock.advance(Duration.ofSeconds(16));
        redis.registry.renewLease("alive").block();

        assertThat(redis.registry.reapExpired().block()).isEqualTo(5);

        List<PresenceChange> offline = changes().stream().filter(change -> !change.online()).toList();
        assertThat(offline).hasSize(4).allSatisfy(change -> assertThat(change.at()).isEqualTo(lastRenewal));
        assertThat(offline).extracting(PresenceChange::userId).contains(alice).doesNotContain(bob);
    }

    @Test
    void aGracefulShutdownTakesItsUsersOfflineNow() {
        redis.registry.renewLease("h1").block();
        redis.registry.register(alice, 1, "h1", "s1").block();
        redis.clock.advance(Duration.ofSeconds(5));

        redis.registry.dropHandler("h1").block();

        assertThat(changes().get(1)).isEqualTo(change(alice, false, redis.clock.instant()));
    }

    @Test
    void reconcilingBringsListedUsersOnlineAndTakesUnlistedOnesOffline() {
        redis.registry.register(alice, 1, "h1", "s1").block();
        redis.clock.advance(Duration.ofSeconds(30)); // past the reconcile grace
        Instant bobConnected = redis.clock.instant().minusSeconds(2);

        redis.registry.reconcile("h1", List.of(new DeviceSession(bob, 1, "h1", "s2", bobConnected))).collectList().block();

        assertThat(changes()).containsExactly(change(alice, true, redis.clock.instant().minusSeconds(30)),
                change(alice, false, redis.clock.instant()), change(bob, true, bobConnected));
    }

    private static PresenceChange change(UUID user, boolean online, Instant at) {
        return new PresenceChange(null, user, online, at);
    }

    /** The stream's entries, oldest first, without their ids (which are Redis's clock, not the test's). */
    private static List<PresenceChange> changes() {
        return redis.redis.opsForStream().range(redis.keys.presenceChanges, Range.unbounded())
                .map(record -> PresenceChange.parse(null, record.getValue()))
                .collectList().block();
    }
}
