package io.chatserver.wsmanager.sessions;

import java.time.Instant;

/** A session held by one handler. */
record HandlerSessionView(String userId, int deviceId, String sessionId, Instant connectedAt) {
}
