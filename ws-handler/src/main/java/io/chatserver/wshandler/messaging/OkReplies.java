package io.chatserver.wshandler.messaging;

import io.chatserver.protocol.v1.Ok;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ServerFrames;
import reactor.core.publisher.Mono;

/** Frames answered by Ok once a call to message-service succeeded, or by its numbered Error. */
public final class OkReplies {

    private OkReplies() {
    }

    public static Mono<Void> answer(Connection connection, String requestId, Mono<Void> call) {
        return call
                .then(Mono.fromRunnable(() -> connection.send(ServerFrame.newBuilder()
                        .setRequestId(requestId).setOk(Ok.getDefaultInstance()).build())))
                .onErrorResume(MessageServiceException.class, e -> {
                    connection.send(ServerFrames.error(requestId, e.code(), e.getMessage()));
                    return Mono.empty();
                })
                .then();
    }
}
