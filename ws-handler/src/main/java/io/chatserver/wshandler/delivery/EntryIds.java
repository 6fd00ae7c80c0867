package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.internal.v1.AckedEntry;
import io.chatserver.protocol.v1.ServerFrame;

import java.util.UUID;

/** The id a device acknowledges an inbox entry by: a time-based UUID, so ids sort by time. */
final class EntryIds {

    /** 100-ns intervals between 1582-10-15 (the UUID epoch) and 1970-01-01. */
    private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;
    /** The lowest clock sequence and node as Cassandra compares them (signed bytes). */
    private static final long LOWEST_CLOCK_AND_NODE = 0x8080808080808080L;

    private EntryIds() {
    }

    static boolean isInboxEntry(ServerFrame frame) {
        return frame.hasMessage() || frame.hasReceipt();
    }

    static String of(ServerFrame frame) {
        return switch (frame.getBodyCase()) {
            case MESSAGE -> frame.getMessage().getMessageId();
            case RECEIPT -> frame.getReceipt().getReceiptId();
            default -> throw new IllegalArgumentException("not an inbox entry: " + frame.getBodyCase());
        };
    }

    /** What an ack of this entry tells message-service, so that it need not read the entry back. */
    static AckedEntry acked(ServerFrame frame) {
        return switch (frame.getBodyCase()) {
            case MESSAGE -> AckedEntry.newBuilder().setId(frame.getMessage().getMessageId())
                    .setConversationId(frame.getMessage().getConversationId())
                    .setSenderUserId(frame.getMessage().getSenderUserId())
                    .setSeq(frame.getMessage().getSeq())
                    .build();
            case RECEIPT -> AckedEntry.newBuilder().setId(frame.getReceipt().getReceiptId()).setReceipt(true).build();
            default -> throw new IllegalArgumentException("not an inbox entry: " + frame.getBodyCase());
        };
    }

    /** The lowest time-based UUID of that millisecond: "after" it means "from that time on". */
    static String firstAt(long epochMillis) {
        long timestamp = epochMillis * 10_000 + UUID_EPOCH_OFFSET;
        long msb = (timestamp << 32) | ((timestamp >>> 16) & 0xFFFF0000L) | 0x1000L | ((timestamp >>> 48) & 0x0FFFL);
        return new UUID(msb, LOWEST_CLOCK_AND_NODE).toString();
    }
}
