package io.chatserver.wshandler.connection;

import java.util.UUID;

/** One device of one user: at most one connection per key in the whole cluster. */
public record DeviceKey(UUID userId, int deviceId) {
}
