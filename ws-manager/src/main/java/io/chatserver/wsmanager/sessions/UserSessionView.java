package io.chatserver.wsmanager.sessions;

import java.time.Instant;

/** A device of the user that is connected to a live handler. */
record UserSessionView(int deviceId, String handlerId, String sessionId, Instant connectedAt) {
}
