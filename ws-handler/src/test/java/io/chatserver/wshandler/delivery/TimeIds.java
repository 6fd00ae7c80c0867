package io.chatserver.wshandler.delivery;

import java.util.Comparator;
import java.util.UUID;

/**
 * Inbox entry ids for tests, built like message-service builds them (version-1 UUIDs with a chosen
 * time), and the order Cassandra's timeuuid type gives them: timestamp, then the low 64 bits as
 * signed bytes.
 */
final class TimeIds {

    /** 100-ns intervals between 1582-10-15 (the UUID epoch) and 1970-01-01. */
    static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;

    /** timeuuid order, as message-service's store sorts an inbox partition. */
    static final Comparator<UUID> TIME_ORDER = Comparator.comparingLong(UUID::timestamp)
            .thenComparing((a, b) -> Long.compareUnsigned(
                    a.getLeastSignificantBits() ^ 0x8080808080808080L,
                    b.getLeastSignificantBits() ^ 0x8080808080808080L));

    private TimeIds() {
    }

    /** A version-1 UUID at that millisecond; n tells ids of the same millisecond apart (and orders them). */
    static UUID at(long epochMillis, long n) {
        long timestamp = epochMillis * 10_000 + UUID_EPOCH_OFFSET;
        long msb = (timestamp << 32) | ((timestamp >>> 16) & 0xFFFF0000L) | 0x1000L | ((timestamp >>> 48) & 0x0FFFL);
        // IETF variant; the rest of the first byte and the other bytes stay positive as signed bytes,
        // so these ids sort after EntryIds.firstAt of the same millisecond.
        long lsb = 0x8100000000000000L | (n & 0x007FFFFFFFFFFFFFL);
        return new UUID(msb, lsb);
    }

    static long millisOf(UUID id) {
        return (id.timestamp() - UUID_EPOCH_OFFSET) / 10_000;
    }
}
