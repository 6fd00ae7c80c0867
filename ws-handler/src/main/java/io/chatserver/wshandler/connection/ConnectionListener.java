package io.chatserver.wshandler.connection;

/** Told when a connection is ready for traffic (registered, Welcome queued) and when it starts closing. */
public interface ConnectionListener {

    void opened(Connection connection);

    void closing(Connection connection);
}
