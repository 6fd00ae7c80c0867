package io.chatserver.messageservice.store;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/**
 * Version-1 (time-based) UUIDs with a timestamp the caller chooses, so that message ids sort in
 * Cassandra (timeuuid) in the order the conversation's seq gives them. The 62 low bits are random:
 * ids stay unique across instances without a node id.
 */
public final class TimeUuids {

    /** 100-ns intervals between 1582-10-15 (the UUID epoch) and 1970-01-01. */
    private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;
    private static final Random RANDOM = new SecureRandom();

    private TimeUuids() {
    }

    public static UUID fromMicros(long epochMicros) {
        long timestamp = epochMicros * 10 + UUID_EPOCH_OFFSET;
        long msb = (timestamp << 32)                       // time_low
                | ((timestamp >>> 16) & 0xFFFF0000L)        // time_mid
                | 0x1000L                                   // version 1
                | ((timestamp >>> 48) & 0x0FFFL);           // time_hi
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(msb, lsb);
    }

    public static long micros(UUID timeUuid) {
        return (timeUuid.timestamp() - UUID_EPOCH_OFFSET) / 10;
    }

    /** Parses a client-supplied id; empty when it is not a version-1 UUID. */
    public static java.util.Optional<UUID> parse(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.version() == 1 && text.length() == 36 ? java.util.Optional.of(id) : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
