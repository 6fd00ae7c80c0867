package io.chatserver.wsmanager.registry;

import io.chatserver.platform.registry.DeviceSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** reconcile_listed.lua and reconcile_unlisted.lua against the real Redis; two sessions a call. */
class ReconcileScriptIT {

    @RegisterExtension
    static final RegistryRedis redis = new RegistryRedis(2);

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    private static DeviceSession held(UUID user, int device, String session) {
        return new DeviceSession(user, device, "h1", session, Instant.parse("2029-12-31T23:00:00Z"));
    }

    @Test
    void aRegistrationThatWasLostIsAdded() {
        List<DeviceSession> stale = redis.registry.reconcile("h1", List.of(held(alice, 1, "s1"))).collectList().block();

        assertThat(stale).isEmpty();
        assertThat(redis.registry.userSessions(alice).collectList().block())
                .containsExactly(new DeviceSession(alice, 1, "h1", "s1", Instant.parse("2029-12-31T23:00:00Z")));
    }

    @Test
    void aSessionTheHandlerNoLongerHoldsIsRemoved() {
        redis.registry.register(alice, 1, "h1", "s1").block();
        redis.registry.register(bob, 1, "h1", "s2").block();
        redis.clock.advance(Duration.ofSeconds(11));
        redis.registry.renewLease("h1").block();

        redis.registry.reconcile("h1", List.of(held(bob, 1, "s2"))).collectList().block();

        assertThat(redis.registry.userSessions(alice).collectList().block()).isEmpty();
        assertThat(redis.registry.handlerSessions("h1").map(DeviceSession::sessionId).collectList().block())
                .containsExactly("s2");
    }

    @Test
    void aListLongerThanOneCallTakesIsReconciledWhole() {
        for (int device = 1; device <= 3; device++) {
            redis.registry.register(bob, device, "h1", "gone" + device).block();
        }
        redis.clock.advance(Duration.ofSeconds(11));
        List<DeviceSession> held = java.util.stream.IntStream.rangeClosed(1, 5)
                .mapToObj(device -> held(alice, device, "s" + device)).toList();

        assertThat(redis.registry.reconcile("h1", held).collectList().block()).isEmpty();

        assertThat(redis.registry.userSessions(bob).collectList().block()).isEmpty();
        assertThat(redis.registry.handlerSessions("h1").map(DeviceSession::sessionId).collectList().block())
                .containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5");
    }

    @Test
    void aSessionRegisteredWhileTheListWasTakenIsKept() {
        redis.registry.register(alice, 1, "h1", "s1").block();
        redis.clock.advance(Duration.ofSeconds(9));

        redis.registry.reconcile("h1", List.of()).collectList().block();

        assertThat(redis.registry.userSessions(alice).map(DeviceSession::sessionId).collectList().block())
                .containsExactly("s1");
    }

    @Test
    void aKnownSessionKeepsItsConnectedAt() {
        redis.registry.register(alice, 1, "h1", "s1").block();
        Instant registeredAt = redis.clock.instant();
        redis.clock.advance(Duration.ofSeconds(30));
        redis.registry.renewLease("h1").block();

        redis.registry.reconcile("h1", List.of(held(alice, 1, "s1"))).collectList().block();

        assertThat(redis.registry.userSessions(alice).blockFirst().connectedAt()).isEqualTo(registeredAt);
    }

    @Test
    void aSessionReplacedOnAnotherLiveHandlerIsReportedStaleAndNotRegistered() {
        redis.registry.renewLease("h2").block();
        redis.registry.register(alice, 1, "h2", "newer").block();

        List<DeviceSession> stale = redis.registry.reconcile("h1", List.of(held(alice, 1, "older")))
                .collectList().block();

        assertThat(stale).extracting(DeviceSession::sessionId).containsExactly("older");
        assertThat(redis.registry.userSessions(alice).map(DeviceSession::sessionId).collectList().block())
                .containsExactly("newer");
        assertThat(redis.redis.opsForSet().size(redis.keys.handler("h1")).block()).isZero();
    }

    @Test
    void aDeviceLeftOnADeadHandlerIsTakenOver() {
        redis.registry.register(alice, 1, "dead", "s0").block();
        redis.clock.advance(Duration.ofSeconds(20));
        redis.registry.renewLease("h1").block();

        List<DeviceSession> stale = redis.registry.reconcile("h1", List.of(held(alice, 1, "s1"))).collectList().block();

        assertThat(stale).isEmpty();
        assertThat(redis.registry.userSessions(alice).map(DeviceSession::handlerId).collectList().block())
                .containsExactly("h1");
        assertThat(redis.redis.opsForSet().size(redis.keys.handler("dead")).block()).isZero();
    }
}
