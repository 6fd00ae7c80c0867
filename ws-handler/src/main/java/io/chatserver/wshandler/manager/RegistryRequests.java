package io.chatserver.wshandler.manager;

import java.time.Instant;
import java.util.List;

/** The bodies ws-manager's internal API expects (its contract; the services share no code). */
final class RegistryRequests {

    private RegistryRequests() {
    }

    record RegisterSession(String userId, int deviceId, String sessionId, String handlerId) {
    }

    record HeldSession(String userId, int deviceId, String sessionId, Instant connectedAt) {
    }

    record HeldSessions(List<HeldSession> sessions) {
    }
}
