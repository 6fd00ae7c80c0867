package io.chatserver.wshandler.connection;

import reactor.core.publisher.Mono;

/** Handles one inbound data frame (text or binary) of a connection; implemented by the dispatcher. */
public interface InboundHandler {

    /** Completes when the frame is handled; frames of one connection are handled one at a time, in order. */
    Mono<Void> handle(Connection connection, boolean text, byte[] payload);
}
