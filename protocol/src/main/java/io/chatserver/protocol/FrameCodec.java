package io.chatserver.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;

import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes frames in either wire format. Servers decode ClientFrames and encode
 * ServerFrames; clients (tests, the load tool) do the opposite with the same rules.
 * Thread-safe and stateless.
 */
public final class FrameCodec {

    /** Longest request id a client may send; longer ones are refused so ids stay cheap to echo and log. */
    public static final int MAX_REQUEST_ID_LENGTH = 64;

    // Strict: an unknown JSON field is a client bug worth reporting, not something to drop silently.
    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser();
    private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    public ClientFrame decodeClientFrame(WireFormat format, byte[] payload) {
        ClientFrame frame = decode(format, payload, ClientFrame.newBuilder());
        if (frame.getRequestId().length() > MAX_REQUEST_ID_LENGTH) {
            throw new FrameException(ErrorCode.VALIDATION_FAILED,
                    "requestId is longer than " + MAX_REQUEST_ID_LENGTH + " characters");
        }
        if (frame.getBodyCase() == ClientFrame.BodyCase.BODY_NOT_SET) {
            throw new FrameException(ErrorCode.UNSUPPORTED_FRAME, "frame has no known body");
        }
        return frame;
    }

    public ServerFrame decodeServerFrame(WireFormat format, byte[] payload) {
        return decode(format, payload, ServerFrame.newBuilder());
    }

    public byte[] encode(WireFormat format, Message frame) {
        if (format == WireFormat.PROTOBUF) {
            return frame.toByteArray();
        }
        try {
            return JSON_PRINTER.print(frame).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            // Only possible for Any fields with unknown types, which the schema does not use.
            throw new IllegalStateException("frame cannot be printed as JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> T decode(WireFormat format, byte[] payload, Message.Builder builder) {
        try {
            if (format == WireFormat.PROTOBUF) {
                builder.mergeFrom(payload);
            } else {
                JSON_PARSER.merge(new String(payload, StandardCharsets.UTF_8), builder);
            }
            return (T) builder.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new FrameException(ErrorCode.MALFORMED_REQUEST, "frame is not a valid " + format.subprotocol()
                    + " frame: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        String line = text.lines().findFirst().orElse("unreadable");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
