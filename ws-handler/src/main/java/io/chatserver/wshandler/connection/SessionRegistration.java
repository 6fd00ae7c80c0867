package io.chatserver.wshandler.connection;

import reactor.core.publisher.Mono;

/** Registers connections in the cluster's session registry (ws-manager). */
public interface SessionRegistration {

    /** Completes once the registry lists the connection; fails when it could not be registered. */
    Mono<Void> register(Connection connection);

    /** Best effort: removes the connection's session unless a newer one of the device replaced it. */
    Mono<Void> unregister(Connection connection);
}
