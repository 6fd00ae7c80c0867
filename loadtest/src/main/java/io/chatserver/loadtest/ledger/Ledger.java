package io.chatserver.loadtest.ledger;

import io.chatserver.protocol.v1.ChatMessage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every message a run sends is expected exactly once at its recipient. Counts what arrived once,
 * twice, at the wrong user, or with a seq below one its conversation already delivered there.
 *
 * <p>A second copy is a failure, with one exception the protocol allows: a copy on a new
 * connection of a message whose ack the server never confirmed (the connection dropped first). The
 * server must send it again, and the app shows it once (dedup by messageId); it counts as
 * redelivered.
 */
public final class Ledger {

    /** What the sender wrote down before sending: to whom, and when it was meant to go. */
    public record Expected(String recipientUserId, long intendedNanos) {
    }

    public enum Arrival { FIRST, REDELIVERED, DUPLICATE, UNEXPECTED }

    public record Summary(long sent, long delivered, long missing, long duplicated, long outOfOrder,
            long unexpected, long redelivered) {

        /** Nothing lost, nothing twice, nothing out of order, nothing foreign. */
        public boolean clean() {
            return missing == 0 && duplicated == 0 && outOfOrder == 0 && unexpected == 0;
        }
    }

    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    /** By client message id: the connection the message last arrived on, and if its ack was confirmed. */
    private final Map<String, Copy> delivered = new ConcurrentHashMap<>();
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
        expected.putIfAbsent(clientMessageId, new Expected(recipientUserId, intendedNanos));
    }

    /** The server refused it for good: it is not expected anywhere (the scenario reports it). */
    public void withdraw(String clientMessageId) {
        expected.remove(clientMessageId);
    }

    public Expected expected(String clientMessageId) {
        return expected.get(clientMessageId);
    }

    /** A message arrived at {@code atUserId}'s device, on the connection numbered {@code connection}. */
    public Arrival received(String atUserId, ChatMessage message, long connection) {
        String clientId = message.getClientMessageId();
        Expected entry = expected.get(clientId);
        if (entry == null || !entry.recipientUserId().equals(atUserId)) {
            unexpected.incrementAndGet();
            return Arrival.UNEXPECTED;
        }
        Copy earlier = delivered.putIfAbsent(clientId, new Copy(connection, false));
        if (earlier != null) {
            if (earlier.connection() != connection && !earlier.confirmed()
                    && delivered.replace(clientId, earlier, new Copy(connection, false))) {
                redelivered.incrementAndGet();
                return Arrival.REDELIVERED;
            }
            duplicated.incrementAndGet();
            return Arrival.DUPLICATE;
        }
        clientIds.put(message.getMessageId(), clientId);
        lastSeq.merge(atUserId + " " + message.getConversationId(), message.getSeq(), (last, seq) -> {
            if (seq <= last) {
                outOfOrder.incrementAndGet();
                return last;
            }
            return seq;
        });
        return Arrival.FIRST;
    }

    /** The server answered the ack of {@code messageId} with Ok: it must never come again. */
    public void confirmed(String messageId) {
        String clientId = clientIds.get(messageId);
        if (clientId != null) {
            delivered.computeIfPresent(clientId, (id, copy) -> new Copy(copy.connection(), true));
        }
    }

    /** Sent and not delivered yet. */
    public long outstanding() {
        return expected.size() - delivered.size();
    }

    public Summary summary() {
        long sent = expected.size();
        long arrived = delivered.size();
        return new Summary(sent, arrived, sent - arrived, duplicated.get(), outOfOrder.get(), unexpected.get(),
                redelivered.get());
    }
}
