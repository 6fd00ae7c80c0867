package io.chatserver.messageservice.conversation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationIdTest {

    private static final UUID LOW = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID HIGH = UUID.fromString("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    private static final String CANONICAL = "d:" + LOW + ":" + HIGH;

    @Test
    void bothSidesComputeTheSameIdWithTheLowerUserFirst() {
        ConversationId ab = ConversationId.direct(LOW, HIGH);
        ConversationId ba = ConversationId.direct(HIGH, LOW);

        assertThat(ab).isEqualTo(ba);
        assertThat(ab.first()).isEqualTo(LOW);
        assertThat(ab.second()).isEqualTo(HIGH);
        assertThat(ab).hasToString(CANONICAL);
        assertThat(ba).hasToString(CANONICAL);
    }

    @Test
    void orderIsThatOfTheTextualFormNotOfUuidCompareTo() {
        // UUID.compareTo compares signed longs: 8... sorts before 1... there, but not as text.
        UUID signedLow = UUID.fromString("80000000-0000-4000-8000-000000000000");
        UUID signedHigh = UUID.fromString("10000000-0000-4000-8000-000000000000");
        assertThat(signedLow.compareTo(signedHigh)).isNegative();

        ConversationId id = ConversationId.direct(signedLow, signedHigh);

        assertThat(id.first()).isEqualTo(signedHigh);
        assertThat(id).hasToString("d:" + signedHigh + ":" + signedLow);
    }

    @Test
    void theConstructorRefusesParticipantsOutOfOrder() {
        assertThatThrownBy(() -> new ConversationId(HIGH, LOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noteToSelfHasTheUserTwice() {
        ConversationId self = ConversationId.direct(LOW, LOW);

        assertThat(self).hasToString("d:" + LOW + ":" + LOW);
        assertThat(self.includes(LOW)).isTrue();
        assertThat(self.includes(HIGH)).isFalse();
        assertThat(self.peerOf(LOW)).isEqualTo(LOW);
        assertThat(ConversationId.parse(self.toString())).contains(self);
    }

    @Test
    void peerAndMembership() {
        ConversationId id = ConversationId.direct(LOW, HIGH);

        assertThat(id.includes(LOW)).isTrue();
        assertThat(id.includes(HIGH)).isTrue();
        assertThat(id.includes(UUID.randomUUID())).isFalse();
        assertThat(id.peerOf(LOW)).isEqualTo(HIGH);
        assertThat(id.peerOf(HIGH)).isEqualTo(LOW);
    }

    @Test
    void parseAcceptsTheCanonicalForm() {
        assertThat(ConversationId.parse(CANONICAL)).contains(ConversationId.direct(LOW, HIGH));
    }

    @Test
    void parseRoundTripsRandomIds() {
        for (int i = 0; i < 1000; i++) {
            ConversationId id = ConversationId.direct(UUID.randomUUID(), UUID.randomUUID());
            assertThat(ConversationId.parse(id.toString())).contains(id);
        }
    }

    @Test
    void parseRefusesTheParticipantsInTheWrongOrder() {
        assertThat(ConversationId.parse("d:" + HIGH + ":" + LOW)).isEmpty();
    }

    @Test
    void parseRefusesUpperCase() {
        assertThat(ConversationId.parse("d:" + LOW + ":" + HIGH.toString().toUpperCase())).isEmpty();
        assertThat(ConversationId.parse("D:" + LOW + ":" + HIGH)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "d:",
            "junk",
            "g:11111111-1111-4111-8111-111111111111:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            "dd11111111-1111-4111-8111-111111111111:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            "d:11111111-1111-4111-8111-111111111111;aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            "d:11111111-1111-4111-8111-111111111111:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa",
            "d:11111111-1111-4111-8111-111111111111:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa ",
            " d:11111111-1111-4111-8111-111111111111:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            "d:11111111-1111-4111-8111-111111111111:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaaa",
            "d:11111111-1111-4111-8111-11111111111z:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            "d:11111111+1111-4111-8111-111111111111:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            // UUID.fromString accepts short groups; the length check must not let them through padded.
            "d:1-1-1-1-1111111111111111111111111111:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            "d:11111111-1111-4111-8111-111111111111:aaaaaaaaaaaaa4aaa-8aaa-aaaaaaaaaaaa-"
    })
    void parseRefusesAnythingElse(String text) {
        assertThat(ConversationId.parse(text)).isEmpty();
    }
}
