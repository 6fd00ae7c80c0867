package io.chatserver.messageservice;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The REST API speaks the same JSON as the JSON WebSocket frames: protobuf's canonical mapping
 * (lowerCamelCase names, 64-bit numbers as strings, unknown fields refused).
 */
public final class ProtobufJson {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private ProtobufJson() {
    }

    public static ResponseEntity<String> ok(Message message) {
        try {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(PRINTER.print(message));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getName(), e);
        }
    }

    /** Reads a request body into the builder; anything that is not that message is 1001. */
    public static <B extends Message.Builder> B parse(String json, B builder) {
        try {
            PARSER.merge(json == null ? "" : json, builder);
            return builder;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new ChatException(ErrorCode.MALFORMED_REQUEST, "not a " + builder.getDescriptorForType().getName()
                    + " in JSON: " + e.getMessage());
        }
    }
}
