package io.chatserver.wshandler.connection;

import io.chatserver.protocol.ErrorCodes;
import io.chatserver.protocol.v1.Error;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.GoingAway;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.web.reactive.socket.CloseStatus;

/** Builders for the frames and close statuses the server sends on its own. */
public final class ServerFrames {

    private ServerFrames() {
    }

    public static ServerFrame error(String requestId, ErrorCode code, String message) {
        return ServerFrame.newBuilder()
                .setRequestId(requestId)
                .setError(Error.newBuilder().setCode(code).setMessage(message))
                .build();
    }

    static ServerFrame goingAway(ErrorCode code, boolean reconnect) {
        return ServerFrame.newBuilder()
                .setGoingAway(GoingAway.newBuilder()
                        .setCode(code)
                        .setMessage(ErrorCodes.defaultMessage(code))
                        .setReconnect(reconnect))
                .build();
    }

    /** The close code errors.proto assigns, with the "1203 The access token..." reason. */
    static CloseStatus closeStatus(ErrorCode code) {
        return new CloseStatus(ErrorCodes.closeCode(code).orElse(CloseStatus.NORMAL.getCode()),
                ErrorCodes.closeReason(code));
    }
}
