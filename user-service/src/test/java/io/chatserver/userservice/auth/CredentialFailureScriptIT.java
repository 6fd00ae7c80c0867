package io.chatserver.userservice.auth;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.userservice.LocalRedis;
import io.chatserver.userservice.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** credential-failure.lua against the real Redis, through CredentialFailures. */
@RequiresLocalStack(LocalStack.REDIS)
class CredentialFailureScriptIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static LocalRedis redis;

    private final MutableClock clock = new MutableClock();
    private final CredentialFailures failures = new CredentialFailures(redis.template(),
            new AuthProperties(3, Duration.ofMinutes(15)), clock);
    private final UUID user = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        redis = new LocalRedis();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void countsFailuresAndBlocksAtTheLimit() {
        assertThat(blocked()).isFalse();
        assertThat(failures.record(user, 1).block(TIMEOUT)).isEqualTo(1);
        assertThat(failures.record(user, 1).block(TIMEOUT)).isEqualTo(2);
        assertThat(blocked()).isFalse();
        assertThat(failures.record(user, 1).block(TIMEOUT)).isEqualTo(3);
        assertThat(blocked()).isTrue();
        assertThat(failures.blocked(user, 2).block(TIMEOUT)).isFalse();
    }

    @Test
    void theWindowEndsAndANewOneStartsWithTheNextFailure() {
        for (int i = 0; i < 3; i++) {
            failures.record(user, 1).block(TIMEOUT);
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(blocked()).isFalse();
        assertThat(failures.record(user, 1).block(TIMEOUT)).isEqualTo(1);
        Duration ttl = redis.template().getExpire(CredentialFailures.key(user, 1)).block(TIMEOUT);
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void clearingForgetsTheFailures() {
        for (int i = 0; i < 3; i++) {
            failures.record(user, 1).block(TIMEOUT);
        }
        failures.clear(user, 1).block(TIMEOUT);
        assertThat(blocked()).isFalse();
    }

    private boolean blocked() {
        return failures.blocked(user, 1).block(TIMEOUT);
    }
}
