package io.chatserver.platform.registry;

import java.time.Instant;
import java.util.UUID;

/** One device's connection: which handler holds it, under which session id, since when. */
public record DeviceSession(UUID userId, int deviceId, String handlerId, String sessionId, Instant connectedAt) {
}
