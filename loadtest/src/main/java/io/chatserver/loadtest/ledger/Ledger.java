package io.chatserver.loadtest.ledger;

import io.chatserver.protocol.v1.ChatMessage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every message a run sends is expected exactly once at its recipient. Counts what arrived once,
 * twice, at the wrong user, or with a seq below one its conversation already delivered there.
 */
public final class Ledger {

    /** What the sender wrote down before sending: to whom, and when it was meant to go. */
    public record Expected(String recipientUserId, long intendedNanos) {
    }

    public enum Arrival { FIRST, DUPLICATE, UNEXPECTED }

    public record Summary(long sent, long delivered, long missing, long duplicated, long outOfOrder,
            long unexpected) {

        /** Nothing lost, nothing twice, nothing out of order, nothing foreign. */
        public boolean clean() {
            return missing == 0 && duplicated == 0 && outOfOrder == 0 && unexpected == 0;
        }
    }

    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final Map<String, Boolean> delivered = new ConcurrentHashMap<>();
    /** Last seq delivered per recipient and conversation. */
    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();

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

    /** A message arrived at {@code atUserId}'s device. */
    public Arrival received(String atUserId, ChatMessage message) {
        Expected entry = expected.get(message.getClientMessageId());
        if (entry == null || !entry.recipientUserId().equals(atUserId)) {
            unexpected.incrementAndGet();
            return Arrival.UNEXPECTED;
        }
        if (delivered.putIfAbsent(message.getClientMessageId(), Boolean.TRUE) != null) {
            duplicated.incrementAndGet();
            return Arrival.DUPLICATE;
        }
        lastSeq.merge(atUserId + " " + message.getConversationId(), message.getSeq(), (last, seq) -> {
            if (seq <= last) {
                outOfOrder.incrementAndGet();
                return last;
            }
            return seq;
        });
        return Arrival.FIRST;
    }

    /** Sent and not delivered yet. */
    public long outstanding() {
        return expected.size() - delivered.size();
    }

    public Summary summary() {
        long sent = expected.size();
        long arrived = delivered.size();
        return new Summary(sent, arrived, sent - arrived, duplicated.get(), outOfOrder.get(), unexpected.get());
    }
}
