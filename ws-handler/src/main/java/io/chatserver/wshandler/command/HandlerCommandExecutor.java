package io.chatserver.wshandler.command;

import com.google.protobuf.InvalidProtocolBufferException;
import io.chatserver.protocol.internal.v1.CloseSession;
import io.chatserver.protocol.internal.v1.DeliverFrame;
import io.chatserver.protocol.internal.v1.HandlerCommand;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.DeviceKey;
import io.chatserver.wshandler.connection.LocalConnections;
import io.chatserver.wshandler.delivery.Deliveries;
import io.chatserver.wshandler.presence.PresenceCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** Executes the commands services publish to this instance on the connections it holds. */
@Component
final class HandlerCommandExecutor {

    private static final Logger log = LoggerFactory.getLogger(HandlerCommandExecutor.class);

    private final LocalConnections connections;
    private final Deliveries deliveries;
    private final PresenceCommands presence;

    HandlerCommandExecutor(LocalConnections connections, Deliveries deliveries, PresenceCommands presence) {
        this.connections = connections;
        this.deliveries = deliveries;
        this.presence = presence;
    }

    void execute(byte[] payload) {
        try {
            HandlerCommand command = HandlerCommand.parseFrom(payload);
            switch (command.getBodyCase()) {
                case DELIVER -> deliver(command.getDeliver());
                case CLOSE -> close(command.getClose());
                case PRESENCE -> presence.execute(command.getPresence());
                default -> log.warn("ignoring a handler command without a known body");
            }
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            log.warn("ignoring an unreadable handler command: {}", e.toString());
        }
    }

    /**
     * Inbox entries (messages, receipts) go through the connection's delivery pump, which keeps
     * them in order and unduplicated; other frames are written as they are, through its bounded queue.
     */
    private void deliver(DeliverFrame deliver) throws InvalidProtocolBufferException {
        ServerFrame frame = ServerFrame.parseFrom(deliver.getServerFrame());
        target(deliver.getUserId(), deliver.getDeviceId(), deliver.getSessionId()).ifPresent(connection -> {
            if (!deliveries.pushed(connection, frame)) {
                connection.send(frame);
            }
        });
    }

    private void close(CloseSession close) {
        ErrorCode reason = close.getReason() == ErrorCode.UNRECOGNIZED ? ErrorCode.INTERNAL : close.getReason();
        target(close.getUserId(), close.getDeviceId(), close.getSessionId())
                .ifPresent(connection -> connection.goAway(reason, false));
    }

    /** The device's connection here, if it is the session named (an empty session id matches any). */
    private Optional<Connection> target(String userId, int deviceId, String sessionId) {
        return connections.get(new DeviceKey(UUID.fromString(userId), deviceId))
                .filter(connection -> sessionId.isEmpty() || connection.sessionId().equals(sessionId));
    }
}
