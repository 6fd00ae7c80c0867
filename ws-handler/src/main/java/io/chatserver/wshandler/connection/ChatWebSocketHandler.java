package io.chatserver.wshandler.connection;

import io.chatserver.platform.runtime.ChatInstanceProperties;
import io.chatserver.platform.security.AccessTokenException;
import io.chatserver.platform.security.AccessTokenVerifier;
import io.chatserver.platform.security.AuthenticatedDevice;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.Welcome;
import io.chatserver.wshandler.WsHandlerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Accepts a connection: sub-protocol, then the access token (closing with the error's code before
 * any frame is read), then registration at ws-manager, then Welcome; then runs it until it closes.
 */
@Component
final class ChatWebSocketHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);
    private static final List<String> SUBPROTOCOLS = Arrays.stream(WireFormat.values())
            .map(WireFormat::subprotocol).toList();

    private final AccessTokenVerifier verifier;
    private final SessionRegistration registration;
    private final ConnectionRunner runner;
    private final LocalConnections connections;
    private final ConnectionDrainer drainer;
    private final ConnectionMetrics metrics;
    private final WsHandlerProperties properties;
    private final String handlerId;
    private final Clock clock;
    private final List<ConnectionListener> listeners;

    ChatWebSocketHandler(AccessTokenVerifier verifier, SessionRegistration registration, ConnectionRunner runner,
            LocalConnections connections, ConnectionDrainer drainer, ConnectionMetrics metrics,
            WsHandlerProperties properties, ChatInstanceProperties instance, Clock clock,
            List<ConnectionListener> listeners) {
        this.verifier = verifier;
        this.registration = registration;
        this.runner = runner;
        this.connections = connections;
        this.drainer = drainer;
        this.metrics = metrics;
        this.properties = properties;
        this.handlerId = instance.instanceId();
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public List<String> getSubProtocols() {
        return SUBPROTOCOLS;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        if (drainer.isDraining()) {
            return refuse(session, ErrorCode.SESSION_SERVER_SHUTDOWN);
        }
        WireFormat format = Handshakes.format(session.getHandshakeInfo()).orElse(null);
        if (format == null) {
            return refuse(session, ErrorCode.UNSUPPORTED_PROTOCOL);
        }
        // The connection runs apart from its handshake, so the handshake's objects do not live as long.
        return SeparateChains.then(() -> open(session, format), connection -> runner.run(session, connection)
                .doFinally(signal -> {
                    connection.inputEnded();
                    connections.socketClosed();
                }));
    }

    /** Verifies the token and registers the session: the started connection, or empty once refused. */
    private Mono<Connection> open(WebSocketSession session, WireFormat format) {
        return verifier.verify(Handshakes.accessToken(session.getHandshakeInfo()))
                .onErrorResume(AccessTokenException.class, e -> refuse(session, e.code()).then(Mono.empty()))
                .onErrorResume(e -> {
                    log.warn("could not verify an access token: {}", e.toString());
                    return refuse(session, ErrorCode.INTERNAL).then(Mono.empty());
                })
                .flatMap(device -> register(session, format, device));
    }

    private Mono<Connection> register(WebSocketSession session, WireFormat format, AuthenticatedDevice device) {
        Connection connection = new Connection(session, format, device, UUID.randomUUID().toString(),
                clock.instant(), properties.outboundQueueSize(), properties.goAwayGrace(), metrics);
        return registration.register(connection)
                .then(Mono.fromSupplier(() -> start(connection)))
                .onErrorResume(e -> registryUnavailable(session, connection, e).then(Mono.empty()));
    }

    /** Registered: Welcome goes first in the queue, then the connection becomes reachable. */
    private Connection start(Connection connection) {
        connections.socketOpened();
        connection.send(welcome(connection));
        // A second connection of the device on this instance replaces the first.
        connections.put(connection).ifPresent(old -> old.goAway(ErrorCode.SESSION_REPLACED, false));
        // From its first closing step on, frames and commands no longer go to this connection.
        connection.onClosing(() -> forget(connection));
        if (!connection.isClosing()) {
            listeners.forEach(listener -> listener.opened(connection));
        }
        return connection;
    }

    private Mono<Void> registryUnavailable(WebSocketSession session, Connection connection, Throwable e) {
        if (e instanceof WebClientResponseException response && response.getStatusCode().value() == 409) {
            // The device has a session that began after this one (this one waited too long somewhere).
            log.info("session {} not registered: the device connected again since", connection.sessionId());
            return refuse(session, ErrorCode.SESSION_REPLACED);
        }
        log.warn("could not register session {} at ws-manager: {}", connection.sessionId(), e.toString());
        // In case it timed out after all. Should this delete run first, ws-manager still refuses the
        // late registration once the device has connected again (the newer session wins).
        registration.unregister(connection).subscribe();
        return refuse(session, ErrorCode.SESSION_REGISTRY_UNAVAILABLE);
    }

    private void forget(Connection connection) {
        connections.remove(connection);
        listeners.forEach(listener -> listener.closing(connection));
        if (!drainer.isDraining()) { // on shutdown the whole handler is dropped from the registry at once
            registration.unregister(connection).subscribe();
        }
    }

    private ServerFrame welcome(Connection connection) {
        return ServerFrame.newBuilder().setWelcome(Welcome.newBuilder()
                        .setProtocol(connection.format().subprotocol())
                        .setUserId(connection.device().userId().toString())
                        .setDeviceId(connection.device().deviceId())
                        .setSessionId(connection.sessionId())
                        .setHandlerId(handlerId)
                        .setServerTimeMs(clock.millis())
                        .setHeartbeatIntervalSeconds((int) properties.heartbeatInterval().toSeconds())
                        .setIdleTimeoutSeconds((int) properties.idleTimeout().toSeconds())
                        .setMaxFrameBytes(properties.maxFrameBytes()))
                .build();
    }

    private Mono<Void> refuse(WebSocketSession session, ErrorCode code) {
        metrics.closed(code.name());
        return session.close(ServerFrames.closeStatus(code));
    }
}
