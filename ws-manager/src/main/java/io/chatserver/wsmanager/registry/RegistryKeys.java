package io.chatserver.wsmanager.registry;

import java.util.UUID;

/**
 * The registry's Redis layout; ws-manager owns these keys and nobody else reads them. The prefix is
 * fixed in production ({@value #DEFAULT_PREFIX}); tests use their own so runs never see each other.
 */
final class RegistryKeys {

    static final String DEFAULT_PREFIX = "chat:registry:";

    /** Hash per user: deviceId -> "handlerId|sessionId|connectedAtMs". */
    final String userPrefix;
    /** Set per handler: "userId|deviceId|sessionId" of every session it holds. */
    final String handlerPrefix;
    /** Sorted set: handlerId scored by its lease deadline (epoch ms). */
    final String leases;
    /** String per handler, written only by renewals, expiring with the lease: "renewed before". */
    final String renewedPrefix;

    RegistryKeys(String prefix) {
        this.userPrefix = prefix + "user:";
        this.handlerPrefix = prefix + "handler:";
        this.leases = prefix + "leases";
        this.renewedPrefix = prefix + "renewed:";
    }

    String renewed(String handlerId) {
        return renewedPrefix + handlerId;
    }

    String user(UUID userId) {
        return userPrefix + userId;
    }

    String handler(String handlerId) {
        return handlerPrefix + handlerId;
    }
}
