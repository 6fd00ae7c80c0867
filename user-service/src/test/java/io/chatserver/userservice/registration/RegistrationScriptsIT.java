package io.chatserver.userservice.registration;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.PhoneNumbers;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.userservice.LocalRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** registration-issue.lua and registration-check.lua against the real Redis, through CodeStore. */
@RequiresLocalStack(LocalStack.REDIS)
class RegistrationScriptsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static LocalRedis redis;

    private final CodeStore store = new CodeStore(redis.template(), new RegistrationProperties(
            Duration.ofMinutes(5), Duration.ofSeconds(60), 3, 2, Duration.ofHours(1), 3, Duration.ofHours(1),
            "a-pepper-of-sixteen-or-more", false, false, false));
    private final String number = PhoneNumbers.randomMobile();
    /** A made-up client address per test, so IP windows do not carry over. */
    private final String address = "test-" + UUID.randomUUID();
    private final Instant t0 = Instant.now();

    @BeforeAll
    static void connect() {
        redis = new LocalRedis();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void issuesThenEnforcesTheCoolDownWithTimeLeft() {
        assertThat(issue(number, t0).status()).isEqualTo(CodeStore.IssueStatus.STORED);
        CodeStore.IssueResult tooSoon = issue(number, t0.plusSeconds(20));
        assertThat(tooSoon.status()).isEqualTo(CodeStore.IssueStatus.RESEND_TOO_SOON);
        assertThat(tooSoon.retryAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(issue(number, t0.plusSeconds(60)).status()).isEqualTo(CodeStore.IssueStatus.STORED);
    }

    @Test
    void perNumberWindowCountsOnlySentCodesAndStartsWithTheFirst() {
        assertThat(issue(number, t0).status()).isEqualTo(CodeStore.IssueStatus.STORED);
        assertThat(issue(number, t0.plusSeconds(30)).status()).isEqualTo(CodeStore.IssueStatus.RESEND_TOO_SOON);
        assertThat(issue(number, t0.plusSeconds(61)).status()).isEqualTo(CodeStore.IssueStatus.STORED);
        CodeStore.IssueResult limited = issue(number, t0.plusSeconds(122));
        assertThat(limited.status()).isEqualTo(CodeStore.IssueStatus.NUMBER_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofHours(1).minusSeconds(122));
        assertThat(issue(number, t0.plus(Duration.ofHours(1))).status()).isEqualTo(CodeStore.IssueStatus.STORED);
    }

    @Test
    void perAddressWindowSpansNumbersAndARefusalChangesNothing() {
        for (int i = 0; i < 3; i++) {
            assertThat(issue(PhoneNumbers.randomMobile(), t0).status()).isEqualTo(CodeStore.IssueStatus.STORED);
        }
        assertThat(issue(number, t0).status()).isEqualTo(CodeStore.IssueStatus.IP_LIMITED);
        // The refused number was not charged: from another address it still has its whole window.
        String elsewhere = "test-" + UUID.randomUUID();
        assertThat(store.issue(number, elsewhere, "h", t0).block(TIMEOUT).status()).isEqualTo(CodeStore.IssueStatus.STORED);
        assertThat(store.issue(number, elsewhere, "h", t0.plusSeconds(61)).block(TIMEOUT).status())
                .isEqualTo(CodeStore.IssueStatus.STORED);
    }

    @Test
    void theRightCodeIsAcceptedOnceAndKeepsTheCoolDown() {
        issue(number, t0);
        assertThat(check("hash-of-code", t0.plusSeconds(1))).isEqualTo(new CodeAttempts.Result(CodeAttempts.ACCEPTED, 0));
        assertThat(check("hash-of-code", t0.plusSeconds(2)).status()).isEqualTo(CodeAttempts.EXPIRED);
        assertThat(issue(number, t0.plusSeconds(3)).status()).isEqualTo(CodeStore.IssueStatus.RESEND_TOO_SOON);
    }

    @Test
    void wrongCodesAreCountedUntilTheCodeIsBurnt() {
        issue(number, t0);
        assertThat(check("wrong", t0)).isEqualTo(new CodeAttempts.Result(CodeAttempts.WRONG, 1));
        assertThat(check("wrong", t0)).isEqualTo(new CodeAttempts.Result(CodeAttempts.WRONG, 2));
        assertThat(check("wrong", t0)).isEqualTo(new CodeAttempts.Result(CodeAttempts.BURNT, 3));
        assertThat(check("hash-of-code", t0)).isEqualTo(new CodeAttempts.Result(CodeAttempts.BURNT, 3));
    }

    @Test
    void aNewCodeStartsWithFreshAttempts() {
        issue(number, t0);
        check("wrong", t0);
        check("wrong", t0);
        store.issue(number, address, "second-hash", t0.plusSeconds(60)).block(TIMEOUT);
        assertThat(check("hash-of-code", t0.plusSeconds(61))).isEqualTo(new CodeAttempts.Result(CodeAttempts.WRONG, 1));
        assertThat(check("second-hash", t0.plusSeconds(61)).status()).isEqualTo(CodeAttempts.ACCEPTED);
    }

    @Test
    void aCodeExpiresByTheCallersClock() {
        issue(number, t0);
        assertThat(check("hash-of-code", t0.plus(Duration.ofMinutes(5))).status()).isEqualTo(CodeAttempts.EXPIRED);
        assertThat(check("hash-of-code", t0.plus(Duration.ofMinutes(5)).minusMillis(1)).status())
                .isEqualTo(CodeAttempts.ACCEPTED);
    }

    @Test
    void aNumberWithoutCodeIsExpired() {
        assertThat(check("anything", t0)).isEqualTo(new CodeAttempts.Result(CodeAttempts.EXPIRED, 0));
    }

    @Test
    void keysExpireInRedisToo() {
        issue(number, t0);
        Duration ttl = redis.template().getExpire(CodeStore.codeKey(number)).block(TIMEOUT);
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(redis.template().getExpire(CodeStore.numberWindowKey(number)).block(TIMEOUT))
                .isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
    }

    private CodeStore.IssueResult issue(String e164, Instant now) {
        return store.issue(e164, address, "hash-of-code", now).block(TIMEOUT);
    }

    private CodeAttempts.Result check(String hash, Instant now) {
        return store.check(number, hash, now).block(TIMEOUT);
    }
}
