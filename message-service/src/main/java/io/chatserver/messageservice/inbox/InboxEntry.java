package io.chatserver.messageservice.inbox;

import io.chatserver.protocol.v1.ServerFrame;

import java.util.UUID;

/**
 * One item waiting in a device's inbox: the frame it will receive, and what the server needs when
 * the device acknowledges it (who to send a DELIVERED receipt to).
 *
 * @param sender for messages the sending user and device; null for receipts
 */
public record InboxEntry(UUID id, Kind kind, String conversationId, DeviceAddress sender, long seq,
        ServerFrame frame) {

    public enum Kind {
        MESSAGE, RECEIPT;

        String column() {
            return name().toLowerCase();
        }

        static Kind ofColumn(String value) {
            return valueOf(value.toUpperCase());
        }
    }
}
