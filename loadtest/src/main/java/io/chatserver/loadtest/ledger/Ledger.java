package io.chatserver.loadtest.ledger;

import io.chatserver.protocol.v1.ChatMessage;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every message a run sends is expected exactly once at each of its recipients (one user, or the
 * other members of a group). Counts the copies that arrived once, twice, at the wrong user, or with
 * a seq below one its conversation already delivered there.
 *
 * <p>A second copy is a failure, with one exception the protocol allows: a copy on a new
 * connection of a message whose ack the server never confirmed (the connection dropped first). The
 * server must send it again, and the app shows it once (dedup by messageId); it counts as
 * redelivered.
 */
public final class Ledger {

    /** What the sender wrote down before sending: to whom, and when it was meant to go. */
    public record Expected(Set<String> recipients, long intendedNanos) {
    }

    /** LAST_COPY: a first arrival that completed a message with several recipients (the last member got it). */
    public enum Arrival { FIRST, LAST_COPY, REDELIVERED, DUPLICATE, UNEXPECTED }

    /** Counts of messages (sent) and of copies (expected at recipients, delivered, missing, ...). */
    public record Summary(long sent, long expected, long delivered, long missing, long duplicated, long outOfOrder,
            long unexpected, long redelivered) {

        /** Nothing lost, nothing twice, nothing out of order, nothing foreign. */
        public boolean clean() {
            return missing == 0 && duplicated == 0 && outOfOrder == 0 && unexpected == 0;
        }
    }

    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final AtomicLong copiesExpected = new AtomicLong();
    /** By copy (client message id and recipient): the connection it last arrived on, and if its ack was confirmed. */
    private final Map<String, Copy> delivered = new ConcurrentHashMap<>();
    /** Per client message id, the copies that arrived (for "the last member got it"). */
    private final Map<String, AtomicLong> arrivedCopies = new ConcurrentHashMap<>();
    /** messageId (what acks name) to client message id (what the ledger is keyed by). */
    private final Map<String, String> clientIds = new ConcurrentHashMap<>();
    private final AtomicLong redelivered = new AtomicLong();
    /** Last seq delivered per recipient and conversation. */
    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();

    private record Copy(long connection, boolean confirmed) {
    }

    /** Before the frame goes out; a retry of the same id is not a new entry. */
    public void expect(String clientMessageId, String recipientUserId, long intendedNanos) {
        expect(clientMessageId, Set.of(recipientUserId), intendedNanos);
    }

    /** A message with a copy for each recipient (a group message: every other member). */
    public void expect(String clientMessageId, Set<String> recipients, long intendedNanos) {
        if (expected.putIfAbsent(clientMessageId, new Expected(Set.copyOf(recipients), intendedNanos)) == null) {
            copiesExpected.addAndGet(recipients.size());
        }
    }

    /** The server refused it for good: it is not expected anywhere (the scenario reports it). */
    public void withdraw(String clientMessageId) {
        Expected withdrawn = expected.remove(clientMessageId);
        if (withdrawn != null) {
            copiesExpected.addAndGet(-withdrawn.recipients().size());
        }
    }

    public Expected expected(String clientMessageId) {
        return expected.get(clientMessageId);
    }

    /** A message arrived at {@code atUserId}'s device, on the connection numbered {@code connection}. */
    public Arrival received(String atUserId, ChatMessage message, long connection) {
        String clientId = message.getClientMessageId();
        Expected entry = expected.get(clientId);
        if (entry == null || !entry.recipients().contains(atUserId)) {
            unexpected.incrementAndGet();
            return Arrival.UNEXPECTED;
        }
        String copy = clientId + " " + atUserId;
        Copy earlier = delivered.putIfAbsent(copy, new Copy(connection, false));
        if (earlier != null) {
            if (earlier.connection() != connection && !earlier.confirmed()
                    && delivered.replace(copy, earlier, new Copy(connection, false))) {
                redelivered.incrementAndGet();
                return Arrival.REDELIVERED;
            }
            duplicated.incrementAndGet();
            return Arrival.DUPLICATE;
        }
        clientIds.put(message.getMessageId(), clientId);
        long arrived = arrivedCopies.computeIfAbsent(clientId, id -> new AtomicLong()).incrementAndGet();
        lastSeq.merge(atUserId + " " + message.getConversationId(), message.getSeq(), (last, seq) -> {
            if (seq <= last) {
                outOfOrder.incrementAndGet();
                return last;
            }
            return seq;
        });
        int copies = entry.recipients().size();
        return copies > 1 && arrived == copies ? Arrival.LAST_COPY : Arrival.FIRST;
    }

    /** The server answered {@code atUserId}'s ack of {@code messageId} with Ok: that copy must never come again. */
    public void confirmed(String atUserId, String messageId) {
        String clientId = clientIds.get(messageId);
        if (clientId != null) {
            delivered.computeIfPresent(clientId + " " + atUserId, (id, copy) -> new Copy(copy.connection(), true));
        }
    }

    /** Copies expected and not delivered yet. */
    public long outstanding() {
        return copiesExpected.get() - delivered.size();
    }

    public Summary summary() {
        long copies = copiesExpected.get();
        long arrived = delivered.size();
        return new Summary(expected.size(), copies, arrived, copies - arrived, duplicated.get(), outOfOrder.get(),
                unexpected.get(), redelivered.get());
    }
}
