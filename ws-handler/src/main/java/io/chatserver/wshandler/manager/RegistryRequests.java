package io.chatserver.wshandler.manager;

import java.time.Instant;
import java.util.List;

/** The bodies ws-manager's internal API expects and answers (its contract; the services share no code). */
final class RegistryRequests {

    private RegistryRequests() {
    }

    /**
     * startedAtMs: when the handshake began; deadlineMs: when this handler stops waiting for the answer
     * (both on this handler's clock, which ws-manager translates into its own); ageMs: how long ago the
     * handshake began, for a ws-manager that has not learned this handler's clock yet.
     */
    record RegisterSession(String userId, int deviceId, String sessionId, String handlerId, long ageMs,
            long startedAtMs, long deadlineMs) {
    }

    record HeldSession(String userId, int deviceId, String sessionId, Instant connectedAt) {
    }

    record HeldSessions(List<HeldSession> sessions) {
    }

    /** The answer to a lease renewal: whether the registry still held the lease. */
    record Lease(boolean known) {
    }
}
