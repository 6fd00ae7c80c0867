package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.Pong;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.SyncComplete;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntryIdsTest {

    @Test
    void firstAtTheUnixEpochIsTheKnownUuid() {
        assertThat(EntryIds.firstAt(0)).isEqualTo("13814000-1dd2-11b2-8080-808080808080");
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 1_750_000_000_123L, 4_102_444_800_000L /* 2100-01-01 */})
    void firstAtIsAVersionOneUuidOfThatMillisecond(long millis) {
        UUID id = UUID.fromString(EntryIds.firstAt(millis));

        assertThat(id.version()).isEqualTo(1);
        assertThat(id.variant()).as("IETF variant").isEqualTo(2);
        assertThat(id.timestamp()).isEqualTo(millis * 10_000 + TimeIds.UUID_EPOCH_OFFSET);
        assertThat(TimeIds.millisOf(id)).isEqualTo(millis);
        assertThat(EntryIds.firstAt(millis)).hasSize(36);
    }

    @Test
    void firstAtSortsBeforeEveryIdOfItsMillisecondAndAfterTheEarlierOnes() {
        long millis = 1_750_000_000_123L;
        UUID first = UUID.fromString(EntryIds.firstAt(millis));

        // message-service ids: any micro of the millisecond, 62 random low bits with the IETF variant
        assertThat(TimeIds.TIME_ORDER.compare(first, micros(millis * 1000, 0x8000000000000000L))).isNegative();
        assertThat(TimeIds.TIME_ORDER.compare(first, micros(millis * 1000, 0x8080808080808081L))).isNegative();
        assertThat(TimeIds.TIME_ORDER.compare(first, micros(millis * 1000 + 999, 0xBFFFFFFFFFFFFFFFL))).isNegative();
        assertThat(TimeIds.TIME_ORDER.compare(first, micros(millis * 1000 - 1, 0xBFFFFFFFFFFFFFFFL))).isPositive();
        assertThat(TimeIds.TIME_ORDER.compare(first, UUID.fromString(EntryIds.firstAt(millis + 1)))).isNegative();
    }

    @Test
    void ofNamesTheMessageOrReceiptId() {
        ServerFrame message = ServerFrame.newBuilder()
                .setMessage(ChatMessage.newBuilder().setMessageId("m-1").setConversationId("c")).build();
        ServerFrame receipt = ServerFrame.newBuilder()
                .setReceipt(Receipt.newBuilder().setReceiptId("r-1").setConversationId("c")).build();

        assertThat(EntryIds.of(message)).isEqualTo("m-1");
        assertThat(EntryIds.of(receipt)).isEqualTo("r-1");
        assertThat(EntryIds.isInboxEntry(message)).isTrue();
        assertThat(EntryIds.isInboxEntry(receipt)).isTrue();
    }

    @Test
    void otherFramesAreNotInboxEntries() {
        ServerFrame pong = ServerFrame.newBuilder().setPong(Pong.newBuilder().setServerTimeMs(1)).build();
        ServerFrame syncComplete = ServerFrame.newBuilder().setSyncComplete(SyncComplete.newBuilder()).build();

        assertThat(EntryIds.isInboxEntry(pong)).isFalse();
        assertThat(EntryIds.isInboxEntry(syncComplete)).isFalse();
        assertThat(EntryIds.isInboxEntry(ServerFrame.getDefaultInstance())).isFalse();
        assertThatThrownBy(() -> EntryIds.of(pong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PONG");
        assertThatThrownBy(() -> EntryIds.of(ServerFrame.getDefaultInstance()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A version-1 UUID like message-service's TimeUuids.fromMicros, with the given low bits. */
    private static UUID micros(long epochMicros, long lsb) {
        long timestamp = epochMicros * 10 + TimeIds.UUID_EPOCH_OFFSET;
        long msb = (timestamp << 32) | ((timestamp >>> 16) & 0xFFFF0000L) | 0x1000L | ((timestamp >>> 48) & 0x0FFFL);
        return new UUID(msb, lsb);
    }
}
