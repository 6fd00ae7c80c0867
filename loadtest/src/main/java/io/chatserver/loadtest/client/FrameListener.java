package io.chatserver.loadtest.client;

import io.chatserver.protocol.v1.ServerFrame;

/** What a connection received; called on its event-loop thread, one frame at a time. */
@FunctionalInterface
public interface FrameListener {

    void received(ChatConnection connection, ServerFrame frame, long receivedNanos);
}
