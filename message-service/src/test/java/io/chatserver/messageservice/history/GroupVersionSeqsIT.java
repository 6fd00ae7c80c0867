package io.chatserver.messageservice.history;

import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;

import java.util.UUID;
import java.util.function.LongUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a membership's share of a group's history begins, against the real Cassandra: the lowest seq
 * sent at the join's version or later, whatever order the writes came in.
 */
@RequiresLocalStack({LocalStack.CASSANDRA, LocalStack.KAFKA, LocalStack.REDIS})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient // same context as MessageServiceIT, so the cached one is reused
@ActiveProfiles("test")
class GroupVersionSeqsIT {

    @Autowired
    GroupVersionSeqs versions;

    @Test
    void aMembershipBeginsAtTheLowestSeqSentAtItsVersionOrLaterWhateverTheOrderOfTheWrites() {
        GroupConversation group = new GroupConversation(UUID.randomUUID());
        // version -> seqs: 1 -> {1, 2}, 2 -> {5, 3}, 4 -> {7}, and a send checked at version 2 that got seq 8.
        long[][] sends = {{2, 5}, {1, 2}, {2, 3}, {4, 7}, {1, 1}, {2, 8}};
        for (long[] send : sends) {
            versions.record(group, send[0], allocation(send[1]), 0).block();
        }

        assertThat(versions.firstSeqFrom(group, 1).block()).isEqualTo(1);
        assertThat(versions.firstSeqFrom(group, 2).block()).as("the lower of 5 and 3").isEqualTo(3);
        assertThat(versions.firstSeqFrom(group, 3).block()).as("nothing at 3: the next version's").isEqualTo(7);
        assertThat(versions.firstSeqFrom(group, 5).block()).as("nothing sent since").isEqualTo(GroupVersionSeqs.NONE);
        assertThat(versions.firstSeqFrom(group, 0).block()).as("a membership from before versions were kept")
                .isEqualTo(1);

        LongUnaryOperator floors = versions.floors(group, 2).block();
        assertThat(floors.applyAsLong(2)).isEqualTo(3);
        assertThat(floors.applyAsLong(3)).isEqualTo(7);
        assertThat(floors.applyAsLong(4)).isEqualTo(7);
        assertThat(floors.applyAsLong(9)).isEqualTo(GroupVersionSeqs.NONE);
        assertThat(floors.applyAsLong(0)).isEqualTo(1);
        assertThat(versions.firstSeqFrom(new GroupConversation(UUID.randomUUID()), 1).block()).as("another group")
                .isEqualTo(GroupVersionSeqs.NONE);
    }

    private static Allocation allocation(long seq) {
        long micros = System.currentTimeMillis() * 1000 + seq;
        return new Allocation(seq, TimeUuids.fromMicros(micros), micros, false);
    }
}
