package io.chatserver.protocol;

import java.util.Arrays;
import java.util.Optional;

/** How frames travel, chosen by the WebSocket sub-protocol the client offers. */
public enum WireFormat {
    /** Protobuf's canonical JSON mapping in text frames: for web clients. */
    JSON("chat.v1.json", true),
    /** Protobuf binary encoding in binary frames: for mobile clients. */
    PROTOBUF("chat.v1.proto", false);

    private final String subprotocol;
    private final boolean text;

    WireFormat(String subprotocol, boolean text) {
        this.subprotocol = subprotocol;
        this.text = text;
    }

    public String subprotocol() {
        return subprotocol;
    }

    /** True when frames of this format are WebSocket text frames, false for binary frames. */
    public boolean isText() {
        return text;
    }

    public static Optional<WireFormat> fromSubprotocol(String name) {
        return Arrays.stream(values()).filter(format -> format.subprotocol.equals(name)).findFirst();
    }
}
