package io.chatserver.platform.inbox;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Inbox marks against the local stack's Redis. */
@RequiresLocalStack(LocalStack.REDIS)
class InboxMarksIT {

    private static LettuceConnectionFactory connections;
    private static ReactiveStringRedisTemplate redis;
    private static InboxMarks marks;

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(LocalStack.HOST, LocalStack.REDIS.port()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
        marks = new InboxMarks(redis);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void touchedInboxesReadBackTheirTimeInOrderAndOthersReadNull() {
        UUID user = UUID.randomUUID();
        String first = InboxMarks.key(user, 1);
        String untouched = InboxMarks.key(user, 2);
        String third = InboxMarks.key(user, 3);
        marks.touch(List.of(first, third), 1_700_000_000_123L).block();

        assertThat(marks.read(List.of(first, untouched, third)).block())
                .containsExactly(1_700_000_000_123L, null, 1_700_000_000_123L);
        long ttl = redis.getExpire(first).block().toSeconds();
        assertThat(ttl).isBetween(InboxMarks.TTL.toSeconds() - 60, InboxMarks.TTL.toSeconds());
    }

    @Test
    void aLaterTouchMovesTheMark() {
        String key = InboxMarks.key(UUID.randomUUID(), 1);
        marks.touch(List.of(key), 1_000L).block();
        marks.touch(List.of(key), 2_000L).block();
        assertThat(marks.read(List.of(key)).block()).containsExactly(2_000L);
    }

    @Test
    void moreKeysThanOneBatchReadInOrder() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < InboxMarks.READ_BATCH * 2 + 7; i++) {
            keys.add(InboxMarks.key(UUID.randomUUID(), 1));
        }
        List<String> touched = List.of(keys.get(0), keys.get(InboxMarks.READ_BATCH), keys.get(keys.size() - 1));
        marks.touch(touched, 42L).block();

        List<Long> read = marks.read(keys).block();
        assertThat(read).hasSize(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            assertThat(read.get(i)).as("key %d", i).isEqualTo(touched.contains(keys.get(i)) ? 42L : null);
        }
    }

    @Test
    void aValueThatIsNotATimeReadsAsAChange() {
        String key = InboxMarks.key(UUID.randomUUID(), 1);
        redis.opsForValue().set(key, "garbage").block();
        assertThat(marks.read(List.of(key)).block()).isEqualTo(Arrays.asList(Long.MIN_VALUE));
    }

    @Test
    void nothingToReadIsAnEmptyList() {
        assertThat(marks.read(List.of()).block()).isEmpty();
    }
}
