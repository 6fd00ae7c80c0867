package io.chatserver.wshandler.connection;

import io.chatserver.protocol.v1.ServerFrame;

/** What a connection's outbound queue holds: a frame, or the heartbeat ping. */
sealed interface Outbound {

    Outbound PING = new Ping();

    record Frame(ServerFrame frame) implements Outbound {
    }

    record Ping() implements Outbound {
    }
}
