package io.chatserver.platform.registry;

import java.util.UUID;

/**
 * The session registry's Redis layout. ws-manager owns it: it alone writes these keys (sessions,
 * leases, reaping). Services that push to devices read the user hashes and leases through
 * {@link RegistryLookup}. The prefix is fixed in production ({@value #DEFAULT_PREFIX}); tests use
 * their own so runs never see each other.
 */
public final class RegistryKeys {

    public static final String DEFAULT_PREFIX = "chat:registry:";

    /** Hash per user: deviceId -> "handlerId|sessionId|connectedAtMs". */
    public final String userPrefix;
    /** Set per handler: "userId|deviceId|sessionId" of every session it holds. */
    public final String handlerPrefix;
    /** Sorted set: handlerId scored by its lease deadline (epoch ms). */
    public final String leases;
    /** String per handler, written only by renewals, expiring with the lease: "renewed before". */
    public final String renewedPrefix;
    /**
     * Stream of presence changes: the registry's scripts append one entry when a user's first device
     * registers and when their last one goes, atomically with the change (see PresenceChanges).
     */
    public final String presenceChanges;

    public RegistryKeys(String prefix) {
        this.userPrefix = prefix + "user:";
        this.handlerPrefix = prefix + "handler:";
        this.leases = prefix + "leases";
        this.renewedPrefix = prefix + "renewed:";
        this.presenceChanges = prefix + "presence-changes";
    }

    public String renewed(String handlerId) {
        return renewedPrefix + handlerId;
    }

    public String user(UUID userId) {
        return userPrefix + userId;
    }

    public String handler(String handlerId) {
        return handlerPrefix + handlerId;
    }
}
