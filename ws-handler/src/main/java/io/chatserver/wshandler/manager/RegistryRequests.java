package io.chatserver.wshandler.manager;

import java.time.Instant;
import java.util.List;

/** The bodies ws-manager's internal API expects and answers (its contract; the services share no code). */
final class RegistryRequests {

    private RegistryRequests() {
    }

    /** ageMs: how long ago the handshake began, on this handler's clock (ws-manager dates it by its own). */
    record RegisterSession(String userId, int deviceId, String sessionId, String handlerId, long ageMs) {
    }

    record HeldSession(String userId, int deviceId, String sessionId, Instant connectedAt) {
    }

    record HeldSessions(List<HeldSession> sessions) {
    }

    /** The answer to a lease renewal: whether the registry still held the lease. */
    record Lease(boolean known) {
    }
}
