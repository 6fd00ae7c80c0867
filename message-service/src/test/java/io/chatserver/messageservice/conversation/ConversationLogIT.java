package io.chatserver.messageservice.conversation;

import com.datastax.oss.driver.api.core.CqlSession;
import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.cassandra.core.cql.ReactiveCqlOperations;
import org.springframework.test.context.ActiveProfiles;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The seq claim against the real Cassandra, with several ConversationLogs standing in for several
 * message-service instances: within one instance appends to a conversation wait for each other,
 * across instances only the conditional batch keeps them apart.
 */
@RequiresLocalStack({LocalStack.CASSANDRA, LocalStack.KAFKA, LocalStack.REDIS})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient // same context as MessageServiceIT, so the cached one is reused
@ActiveProfiles("test")
class ConversationLogIT {

    private static final byte[] HASH = new byte[32];

    @Autowired
    CqlSession session;
    @Autowired
    ReactiveCqlOperations cql;
    @Autowired
    Clock clock;
    @Autowired
    MessagingProperties properties;
    @Autowired
    ConversationLog applicationLog;

    @Test
    void aBurstOfAppendsInOneInstanceGetsContiguousSeqsWithoutRunningOutOfAttempts() {
        ConversationId conversation = ConversationId.direct(UUID.randomUUID(), UUID.randomUUID());

        List<Allocation> allocations = Flux.range(1, 200)
                .flatMap(i -> applicationLog.append(conversation, "key-" + i, HASH), 200)
                .collectList().block(Duration.ofMinutes(1));

        assertContiguous(allocations, 200);
        assertThat(applicationLog.lastSeq(conversation).block()).isEqualTo(200);
    }

    @Test
    void instancesRacingForOneConversationStillHandOutContiguousSeqs() {
        ConversationId conversation = ConversationId.direct(UUID.randomUUID(), UUID.randomUUID());
        List<ConversationLog> instances = List.of(instance(), instance());
        AtomicInteger busy = new AtomicInteger();

        List<Allocation> allocations = Flux.range(0, 100)
                .flatMap(i -> instances.get(i % 2).append(conversation, "key-" + i, HASH)
                        // What a client does with 2004: retry with the same client message id.
                        .doOnError(e -> busy.incrementAndGet())
                        .retryWhen(Retry.max(5).filter(ConversationLogIT::retryable)), 100)
                .collectList().block(Duration.ofMinutes(2));

        System.out.printf("ConversationLogIT: 100 appends from two instances, %d answered 'busy' once%n", busy.get());
        assertContiguous(allocations, 100);
        assertThat(instances.get(0).lastSeq(conversation).block()).isEqualTo(100);
    }

    @Test
    void theSameClientKeyFromTwoInstancesAtOnceGetsOneSeq() {
        ConversationId conversation = ConversationId.direct(UUID.randomUUID(), UUID.randomUUID());
        List<ConversationLog> instances = List.of(instance(), instance(), applicationLog);

        List<Allocation> allocations = Flux.fromIterable(instances)
                .flatMap(log -> log.append(conversation, "same-key", HASH))
                .collectList().block(Duration.ofMinutes(1));

        assertThat(allocations).extracting(Allocation::seq).containsOnly(1L);
        assertThat(allocations).extracting(Allocation::messageId).containsOnly(allocations.get(0).messageId());
        assertThat(allocations).filteredOn(allocation -> !allocation.duplicate()).hasSize(1);
        assertThat(applicationLog.append(conversation, "next-key", HASH).block().seq()).isEqualTo(2);
    }

    @Test
    void aCounterKeptByOneInstanceAndRaisedByAnotherStillGivesTheNextSeq() {
        ConversationId conversation = ConversationId.direct(UUID.randomUUID(), UUID.randomUUID());
        ConversationLog first = instance();
        ConversationLog second = instance();

        Allocation one = first.append(conversation, "a", HASH).block();
        Allocation two = second.append(conversation, "b", HASH).block();
        Allocation three = second.append(conversation, "c", HASH).block();
        // first still keeps last_seq 1: its batch on top of it fails, and it reads 3.
        Allocation four = first.append(conversation, "d", HASH).block();
        Allocation five = first.append(conversation, "e", HASH).block();

        assertContiguous(List.of(one, two, three, four, five), 5);
        assertThat(List.of(one, two, three, four, five)).extracting(Allocation::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(second.lastSeq(conversation).block()).isEqualTo(5);
    }

    @Test
    void theSameClientKeyAgainOnAKeptCounterIsTheEarlierSendNotANewSeq() {
        ConversationId conversation = ConversationId.direct(UUID.randomUUID(), UUID.randomUUID());
        ConversationLog log = instance();

        Allocation sent = log.append(conversation, "k", HASH).block();
        Allocation again = log.append(conversation, "k", HASH).block();
        Allocation next = log.append(conversation, "k2", HASH).block();

        assertThat(again.duplicate()).isTrue();
        assertThat(again.seq()).isEqualTo(sent.seq()).isEqualTo(1);
        assertThat(again.messageId()).isEqualTo(sent.messageId());
        assertThat(next.seq()).isEqualTo(2);
        assertThat(next.duplicate()).isFalse();
    }

    @Test
    void theSameClientKeyWithAnotherHashIsRefused() {
        ConversationId conversation = ConversationId.direct(UUID.randomUUID(), UUID.randomUUID());
        Allocation first = applicationLog.append(conversation, "k", HASH).block();
        byte[] other = HASH.clone();
        other[0] = 1;

        Mono<Allocation> reused = applicationLog.append(conversation, "k", other);

        assertThat(first.seq()).isEqualTo(1);
        assertThat(catchThrowable(reused::block))
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_ID_REUSED));
        assertThat(applicationLog.lastSeq(conversation).block()).isEqualTo(1);
    }

    @Test
    void aConversationWithoutMessagesHasLastSeqZero() {
        assertThat(applicationLog.lastSeq(ConversationId.direct(UUID.randomUUID(), UUID.randomUUID())).block())
                .isZero();
    }

    private ConversationLog instance() {
        return new ConversationLog(session, cql, clock, properties);
    }

    private static boolean retryable(Throwable e) {
        return e instanceof ChatException chat && chat.code() == ErrorCode.MESSAGE_STORE_UNAVAILABLE;
    }

    private static void assertContiguous(List<Allocation> allocations, int count) {
        assertThat(allocations).hasSize(count);
        assertThat(allocations).extracting(Allocation::seq)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
        assertThat(allocations).extracting(Allocation::messageId).doesNotHaveDuplicates();
        List<Allocation> inSeqOrder = allocations.stream().sorted(Comparator.comparingLong(Allocation::seq)).toList();
        IntStream.range(1, count).forEach(i -> {
            assertThat(inSeqOrder.get(i).micros()).isGreaterThan(inSeqOrder.get(i - 1).micros());
            assertThat(TimeUuids.micros(inSeqOrder.get(i).messageId())).isEqualTo(inSeqOrder.get(i).micros());
        });
    }
}
