package io.chatserver.wsmanager.registry;

import io.chatserver.platform.registry.DeviceSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** user_sessions.lua and handler_sessions.lua: lookups never return sessions of an expired handler. */
class LookupScriptsIT {

    @RegisterExtension
    static final RegistryRedis redis = new RegistryRedis();

    private final UUID alice = UUID.randomUUID();

    @Test
    void userLookupReturnsEveryDeviceOnALiveHandler() {
        redis.registry.register(alice, 1, "h1", "s1").block();
        redis.registry.register(alice, 2, "h2", "s2").block();

        assertThat(redis.registry.userSessions(alice).collectList().block())
                .extracting(DeviceSession::deviceId, DeviceSession::handlerId, DeviceSession::sessionId)
                .containsExactlyInAnyOrder(
                        tuple(1, "h1", "s1"),
                        tuple(2, "h2", "s2"));
    }

    @Test
    void userLookupHidesDevicesOfAHandlerWhoseLeaseExpiredBeforeTheReaperRuns() {
        redis.registry.register(alice, 1, "h1", "s1").block();
        redis.clock.advance(Duration.ofSeconds(10));
        redis.registry.renewLease("h2").block();
        redis.registry.register(alice, 2, "h2", "s2").block();
        redis.clock.advance(Duration.ofSeconds(6));

        assertThat(redis.registry.userSessions(alice).map(DeviceSession::deviceId).collectList().block())
                .containsExactly(2);
        assertThat(redis.registry.handlerSessions("h1").collectList().block()).isEmpty();

        redis.registry.renewLease("h1").block();
        assertThat(redis.registry.userSessions(alice).collectList().block()).as("a renewed lease shows it again")
                .hasSize(2);
    }

    @Test
    void handlerLookupListsItsSessionsWithTheirConnectionTime() {
        redis.registry.register(alice, 1, "h1", "s1").block();
        UUID bob = UUID.randomUUID();
        redis.registry.register(bob, 3, "h1", "s3").block();

        assertThat(redis.registry.handlerSessions("h1").collectList().block())
                .containsExactlyInAnyOrder(
                        new DeviceSession(alice, 1, "h1", "s1", redis.clock.instant()),
                        new DeviceSession(bob, 3, "h1", "s3", redis.clock.instant()));
        assertThat(redis.registry.handlerSessions("unknown").collectList().block()).isEmpty();
    }
}
