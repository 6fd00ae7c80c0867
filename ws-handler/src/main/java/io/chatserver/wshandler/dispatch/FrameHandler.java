package io.chatserver.wshandler.dispatch;

import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.wshandler.connection.Connection;
import reactor.core.publisher.Mono;

/**
 * Handles one type of client frame. Each frame type (Ping now; send, ack, receipts next) gets one
 * small implementation, found by {@link ClientFrame.BodyCase}.
 */
public interface FrameHandler {

    ClientFrame.BodyCase bodyCase();

    /** Answers through {@link Connection#send}; an error becomes an Error frame and the connection stays. */
    Mono<Void> handle(Connection connection, ClientFrame frame);
}
