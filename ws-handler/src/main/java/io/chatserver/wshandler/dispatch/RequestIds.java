package io.chatserver.wshandler.dispatch;

import com.google.protobuf.util.JsonFormat;
import io.chatserver.protocol.FrameCodec;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ClientFrame;

import java.nio.charset.StandardCharsets;

/** The request id of a frame that was refused, when it can still be read, so the Error can echo it. */
final class RequestIds {

    private static final JsonFormat.Parser LENIENT_JSON = JsonFormat.parser().ignoringUnknownFields();

    private RequestIds() {
    }

    static String bestEffort(WireFormat format, byte[] payload) {
        try {
            ClientFrame.Builder frame = ClientFrame.newBuilder();
            if (format == WireFormat.PROTOBUF) {
                frame.mergeFrom(payload);
            } else {
                LENIENT_JSON.merge(new String(payload, StandardCharsets.UTF_8), frame);
            }
            String requestId = frame.getRequestId();
            return requestId.length() <= FrameCodec.MAX_REQUEST_ID_LENGTH ? requestId : "";
        } catch (Exception e) {
            return "";
        }
    }
}
