package io.chatserver.userservice.token;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyScheduleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration ROTATION = Duration.ofDays(30);
    private static final Duration LEAD = Duration.ofMinutes(5);
    private static final Duration TOKENS = Duration.ofMinutes(10);

    private final SigningKey first = key("first", T0);
    private final SigningKey second = key("second", T0.plus(ROTATION));
    private final SigningKey third = key("third", T0.plus(ROTATION.multipliedBy(2)));

    @Test
    void theLatestActiveKeySigns() {
        List<SigningKey> keys = List.of(second, first, third);
        assertThat(KeySchedule.current(keys, T0.plusSeconds(1))).contains(first);
        assertThat(KeySchedule.current(keys, second.activatesAt().minusMillis(1))).contains(first);
        assertThat(KeySchedule.current(keys, second.activatesAt())).contains(second);
        assertThat(KeySchedule.current(keys, third.activatesAt().plusSeconds(1))).contains(third);
    }

    @Test
    void withOnlyFutureKeysTheEarliestSigns() {
        assertThat(KeySchedule.current(List.of(third, second), T0)).contains(second);
        assertThat(KeySchedule.current(List.of(), T0)).isEmpty();
    }

    @Test
    void upcomingKeysArePublishedBeforeTheySign() {
        assertThat(kids(KeySchedule.published(List.of(first, second), second.activatesAt().minus(LEAD), TOKENS)))
                .containsExactly("first", "second");
    }

    @Test
    void anOldKeyStaysPublishedUntilItsLastTokenExpired() {
        List<SigningKey> keys = List.of(first, second);
        Instant lastExpiry = second.activatesAt().plus(TOKENS);
        assertThat(kids(KeySchedule.published(keys, lastExpiry.minusMillis(1), TOKENS))).containsExactly("first", "second");
        assertThat(kids(KeySchedule.published(keys, lastExpiry, TOKENS))).containsExactly("second");
    }

    @Test
    void firstKeyIsCreatedAtOnceAndActiveAtOnce() {
        assertThat(KeySchedule.nextActivation(List.of(), T0, ROTATION, LEAD)).contains(T0);
    }

    @Test
    void nextKeyIsCreatedOneLeadBeforeTheRotationIsDue() {
        Instant due = first.activatesAt().plus(ROTATION);
        assertThat(KeySchedule.nextActivation(List.of(first), due.minus(LEAD).minusMillis(1), ROTATION, LEAD)).isEmpty();
        assertThat(KeySchedule.nextActivation(List.of(first), due.minus(LEAD), ROTATION, LEAD)).contains(due);
    }

    @Test
    void aLateRotationStillGivesVerifiersTheFullLead() {
        Instant late = first.activatesAt().plus(ROTATION).plusSeconds(3600);
        assertThat(KeySchedule.nextActivation(List.of(first), late, ROTATION, LEAD)).contains(late.plus(LEAD));
    }

    @Test
    void aPendingKeyPostponesTheNextRotation() {
        Instant beforeSecondActivates = second.activatesAt().minusSeconds(60);
        assertThat(KeySchedule.nextActivation(List.of(first, second), beforeSecondActivates, ROTATION, LEAD)).isEmpty();
    }

    private static List<String> kids(List<SigningKey> keys) {
        return keys.stream().map(SigningKey::kid).toList();
    }

    private static SigningKey key(String kid, Instant activatesAt) {
        return new SigningKey(kid, activatesAt, null);
    }
}
