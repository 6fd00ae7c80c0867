package io.chatserver.loadtest.ledger;

import io.chatserver.protocol.v1.ChatMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerTest {

    private final Ledger ledger = new Ledger();

    private static ChatMessage message(String clientId, String conversation, long seq) {
        return ChatMessage.newBuilder().setClientMessageId(clientId).setMessageId("m-" + clientId)
                .setConversationId(conversation).setSeq(seq).build();
    }

    @Test
    void everyMessageDeliveredOnceInOrderIsClean() {
        ledger.expect("a", "bob", 1);
        ledger.expect("b", "bob", 2);
        assertThat(ledger.outstanding()).isEqualTo(2);

        assertThat(ledger.received("bob", message("a", "c1", 1), 1)).isEqualTo(Ledger.Arrival.FIRST);
        assertThat(ledger.received("bob", message("b", "c1", 2), 1)).isEqualTo(Ledger.Arrival.FIRST);

        assertThat(ledger.outstanding()).isZero();
        assertThat(ledger.summary()).isEqualTo(new Ledger.Summary(2, 2, 2, 0, 0, 0, 0, 0));
        assertThat(ledger.summary().clean()).isTrue();
    }

    @Test
    void aSecondCopyIsADuplicateAndFailsTheRun() {
        ledger.expect("a", "bob", 1);
        ledger.received("bob", message("a", "c1", 1), 1);
        assertThat(ledger.received("bob", message("a", "c1", 1), 1)).isEqualTo(Ledger.Arrival.DUPLICATE);
        assertThat(ledger.summary().duplicated()).isEqualTo(1);
        assertThat(ledger.summary().outOfOrder()).as("a duplicate is not also out of order").isZero();
        assertThat(ledger.summary().clean()).isFalse();
    }

    @Test
    void aMessageNeverDeliveredIsMissing() {
        ledger.expect("a", "bob", 1);
        ledger.expect("b", "bob", 2);
        ledger.received("bob", message("b", "c1", 2), 1);
        assertThat(ledger.summary().missing()).isEqualTo(1);
        assertThat(ledger.summary().clean()).isFalse();
    }

    @Test
    void aLowerSeqAfterAHigherOneInTheSameConversationIsOutOfOrder() {
        ledger.expect("a", "bob", 1);
        ledger.expect("b", "bob", 2);
        ledger.expect("c", "bob", 3);
        ledger.received("bob", message("b", "c1", 2), 1);
        ledger.received("bob", message("a", "c1", 1), 1);
        ledger.received("bob", message("c", "c2", 1), 1); // another conversation has its own seqs
        assertThat(ledger.summary().outOfOrder()).isEqualTo(1);
        assertThat(ledger.summary().delivered()).isEqualTo(3);
    }

    @Test
    void aMessageAtTheWrongUserOrNeverSentIsUnexpected() {
        ledger.expect("a", "bob", 1);
        assertThat(ledger.received("carol", message("a", "c1", 1), 1)).isEqualTo(Ledger.Arrival.UNEXPECTED);
        assertThat(ledger.received("bob", message("zzz", "c1", 1), 1)).isEqualTo(Ledger.Arrival.UNEXPECTED);
        assertThat(ledger.summary().unexpected()).isEqualTo(2);
        assertThat(ledger.summary().missing()).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameIdIsNotANewMessage() {
        ledger.expect("a", "bob", 1);
        ledger.expect("a", "bob", 99);
        assertThat(ledger.summary().sent()).isEqualTo(1);
        assertThat(ledger.expected("a").intendedNanos()).as("the first intended time counts").isEqualTo(1);
    }

    @Test
    void aCopyOnANewConnectionOfAMessageWhoseAckWasNeverConfirmedIsARedeliveryNotAFailure() {
        ledger.expect("a", "bob", 1);
        ledger.received("bob", message("a", "c1", 1), 1);

        assertThat(ledger.received("bob", message("a", "c1", 1), 2)).isEqualTo(Ledger.Arrival.REDELIVERED);
        assertThat(ledger.summary().redelivered()).isEqualTo(1);
        assertThat(ledger.summary().duplicated()).isZero();
        assertThat(ledger.summary().outOfOrder()).isZero();
        assertThat(ledger.summary().clean()).isTrue();
    }

    @Test
    void aCopyAfterTheServerConfirmedTheAckIsADuplicateEvenOnANewConnection() {
        ledger.expect("a", "bob", 1);
        ledger.received("bob", message("a", "c1", 1), 1);
        ledger.confirmed("bob", "m-a");

        assertThat(ledger.received("bob", message("a", "c1", 1), 2)).isEqualTo(Ledger.Arrival.DUPLICATE);
        assertThat(ledger.summary().clean()).isFalse();
    }

    @Test
    void aSecondCopyOnTheSameConnectionIsADuplicateEvenWithoutAConfirmedAck() {
        ledger.expect("a", "bob", 1);
        ledger.received("bob", message("a", "c1", 1), 1);
        ledger.received("bob", message("a", "c1", 1), 2);

        assertThat(ledger.received("bob", message("a", "c1", 1), 2)).isEqualTo(Ledger.Arrival.DUPLICATE);
        assertThat(ledger.summary().redelivered()).isEqualTo(1);
        assertThat(ledger.summary().duplicated()).isEqualTo(1);
    }

    @Test
    void aGroupMessageIsExpectedOnceAtEachOtherMemberAndCompleteWhenTheLastHasIt() {
        ledger.expect("g", java.util.Set.of("bob", "carol"), 1);
        assertThat(ledger.outstanding()).isEqualTo(2);

        assertThat(ledger.received("bob", message("g", "g:1", 1), 1)).isEqualTo(Ledger.Arrival.FIRST);
        assertThat(ledger.received("dave", message("g", "g:1", 1), 3)).as("not a recipient")
                .isEqualTo(Ledger.Arrival.UNEXPECTED);
        assertThat(ledger.received("carol", message("g", "g:1", 1), 2)).as("the last member")
                .isEqualTo(Ledger.Arrival.LAST_COPY);
        assertThat(ledger.received("carol", message("g", "g:1", 1), 2)).isEqualTo(Ledger.Arrival.DUPLICATE);

        assertThat(ledger.summary()).isEqualTo(new Ledger.Summary(1, 2, 2, 0, 1, 0, 1, 0));
    }

    @Test
    void aWithdrawnGroupMessageIsExpectedNowhere() {
        ledger.expect("g", java.util.Set.of("bob", "carol"), 1);
        ledger.withdraw("g");
        assertThat(ledger.outstanding()).isZero();
        assertThat(ledger.summary().expected()).isZero();
    }
}
