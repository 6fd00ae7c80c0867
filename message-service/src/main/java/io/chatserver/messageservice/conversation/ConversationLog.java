package io.chatserver.messageservice.conversation;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.store.StoreFailures;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.data.cassandra.core.cql.ReactiveCqlOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Gives each send its seq and message id, exactly once per client message id. One conditional
 * batch on the conversation's partition raises the counter and claims the client id together; a
 * lost race re-reads at SERIAL and tries the next seq after a short random pause.
 *
 * <p>Within this instance, appends to one conversation run one after the other: run side by side
 * they would only make each other's conditional batch fail, and a burst of sends would run out of
 * attempts. The batch stays the truth; it only races other instances now.
 *
 * <p>The counter this instance last raised is kept, so the next append goes straight to the batch
 * without reading first (two reads fewer per send). A kept counter that another instance has
 * raised since, or a client id already claimed, only makes that batch fail; the append then reads
 * and tries as before (plain reads first, SERIAL after a lost race).
 */
@Component
public final class ConversationLog {

    private final ReactiveCqlOperations cql;
    private final Clock clock;
    private final MessagingProperties properties;
    private final PreparedStatement readCounter;
    private final PreparedStatement readClaim;
    private final PreparedStatement raiseCounter;
    private final PreparedStatement claim;
    /** Per conversation, the append that runs or waits last in this instance; removed when it ends. */
    private final ConcurrentMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    /** Per conversation, the counter as this instance's last applied batch left it. */
    private final Cache<String, Counter> raised = Caffeine.newBuilder().maximumSize(KEPT_COUNTERS).build();

    /** About 10 MB at most; a conversation not kept costs the two reads. */
    private static final int KEPT_COUNTERS = 50_000;

    ConversationLog(CqlSession session, ReactiveCqlOperations cql, Clock clock, MessagingProperties properties) {
        this.cql = cql;
        this.clock = clock;
        this.properties = properties;
        this.readCounter = session.prepare(
                "SELECT last_seq, last_micros FROM conversation_sends WHERE conversation_id = ? LIMIT 1");
        this.readClaim = session.prepare("SELECT seq, message_id, body_sha256 FROM conversation_sends"
                + " WHERE conversation_id = ? AND client_key = ?");
        this.raiseCounter = session.prepare("UPDATE conversation_sends SET last_seq = ?, last_micros = ?"
                + " WHERE conversation_id = ? IF last_seq = ?");
        this.claim = session.prepare("UPDATE conversation_sends USING TTL ? SET seq = ?, message_id = ?,"
                + " body_sha256 = ? WHERE conversation_id = ? AND client_key = ? IF seq = null");
    }

    /** The highest seq given out so far in the conversation (0 before its first message). */
    public Mono<Long> lastSeq(Conversation conversation) {
        return StoreFailures.retryable(row(readCounter.bind(conversation.toString()))
                .map(row -> row.map(r -> r.get("last_seq", Long.class)).map(seq -> seq == null ? 0L : seq).orElse(0L)));
    }

    /** Whether a send with this client key was stored in the conversation already (a retry). */
    public Mono<Boolean> claimed(Conversation conversation, String clientKey) {
        return StoreFailures.retryable(row(readClaim.bind(conversation.toString(), clientKey)).map(Optional::isPresent));
    }

    public Mono<Allocation> append(Conversation conversation, String clientKey, byte[] bodySha256) {
        return append(conversation, clientKey, bodySha256, Mono::just);
    }

    /**
     * Appends, then runs inTurn before the next append to this conversation in this instance may
     * start: what it does (the inbox writes and the pushes) happens in seq order too.
     */
    public <T> Mono<T> append(Conversation conversation, String clientKey, byte[] bodySha256,
            Function<Allocation, Mono<T>> inTurn) {
        String key = conversation.toString();
        return Mono.defer(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> previous = tails.put(key, mine);
            Mono<Void> turn = previous == null ? Mono.empty() : Mono.fromFuture(previous, true);
            return turn.then(Mono.defer(() -> StoreFailures.retryable(first(key, clientKey, bodySha256))))
                    .flatMap(inTurn)
                    .doFinally(signal -> {
                        tails.remove(key, mine);
                        mine.complete(null);
                    });
        });
    }

    /** With a kept counter, the batch at once; without one, or when it fails, the reading path. */
    private Mono<Allocation> first(String conversation, String clientKey, byte[] bodySha256) {
        Counter kept = raised.getIfPresent(conversation);
        if (kept == null) {
            return attempt(conversation, clientKey, bodySha256, 1);
        }
        return claim(conversation, clientKey, bodySha256, kept).flatMap(allocation -> allocation
                .map(Mono::just)
                .orElseGet(() -> {
                    // As a first attempt: the plain reads cost what they did before counters were kept.
                    raised.invalidate(conversation);
                    return attempt(conversation, clientKey, bodySha256, 1);
                }));
    }

    private Mono<Allocation> attempt(String conversation, String clientKey, byte[] bodySha256, int attempt) {
        ConsistencyLevel reads = attempt == 1 ? null : ConsistencyLevel.LOCAL_SERIAL;
        Mono<Optional<Row>> counter = row(readCounter.bind(conversation).setConsistencyLevel(reads));
        Mono<Optional<Row>> existing = row(readClaim.bind(conversation, clientKey).setConsistencyLevel(reads));
        return Mono.zip(counter, existing).flatMap(state -> {
            if (state.getT2().isPresent()) {
                return Mono.just(earlier(state.getT2().get(), bodySha256));
            }
            Counter current = state.getT1().map(Counter::of).orElse(Counter.NONE);
            return claim(conversation, clientKey, bodySha256, current).flatMap(allocation -> {
                if (allocation.isPresent()) {
                    return Mono.just(allocation.get());
                }
                if (attempt >= properties.maxSendAttempts()) {
                    return Mono.error(new ChatException(ErrorCode.MESSAGE_STORE_UNAVAILABLE,
                            "conversation busy: no seq after " + attempt + " attempts"));
                }
                // Another instance took this seq: a short random pause keeps two from racing in lockstep.
                Duration pause = Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, 2L << Math.min(attempt, 5)));
                return Mono.delay(pause).then(Mono.defer(
                        () -> attempt(conversation, clientKey, bodySha256, attempt + 1)));
            });
        });
    }

    /** The conditional batch on top of the given counter: the allocation if it applied, else empty. */
    private Mono<Optional<Allocation>> claim(String conversation, String clientKey, byte[] bodySha256,
            Counter current) {
        long seq = current.lastSeq() == null ? 1 : current.lastSeq() + 1;
        long micros = Math.max(nowMicros(), current.lastMicros() == null ? 0 : current.lastMicros() + 1);
        var allocation = new Allocation(seq, TimeUuids.fromMicros(micros), micros, false);
        BatchStatement batch = BatchStatement.newInstance(DefaultBatchType.LOGGED,
                raiseCounter.bind(seq, micros, conversation, current.lastSeq()),
                claim.bind(properties.inboxTtlSeconds(), seq, allocation.messageId(),
                        ByteBuffer.wrap(bodySha256), conversation, clientKey));
        return cql.execute(batch).map(applied -> {
            if (!applied) {
                return Optional.empty();
            }
            raised.put(conversation, new Counter(seq, micros));
            return Optional.of(allocation);
        });
    }

    private Mono<Optional<Row>> row(Statement<?> statement) {
        return cql.queryForRows(statement).next().map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private static Allocation earlier(Row row, byte[] bodySha256) {
        if (!ByteBuffer.wrap(bodySha256).equals(row.getByteBuffer("body_sha256"))) {
            throw new ChatException(ErrorCode.MESSAGE_ID_REUSED,
                    "client message id already used for a different message");
        }
        var messageId = row.getUuid("message_id");
        return new Allocation(row.getLong("seq"), messageId, TimeUuids.micros(messageId), true);
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** last_seq and last_micros of a conversation; both null before its first message. */
    private record Counter(Long lastSeq, Long lastMicros) {
        static final Counter NONE = new Counter(null, null);

        static Counter of(Row row) {
            return new Counter(row.get("last_seq", Long.class), row.get("last_micros", Long.class));
        }
    }
}
