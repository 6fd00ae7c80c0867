package io.chatserver.platform.presence;

import java.util.UUID;

/**
 * Presence keys in Redis outside the registry. ws-handler writes the watcher sets, lastseen-service
 * reads them and owns last seen. The prefix is fixed in production ({@value #DEFAULT_PREFIX}); tests
 * use their own.
 */
public final class PresenceKeys {

    public static final String DEFAULT_PREFIX = "chat:presence:";

    /** Sorted set: user id scored by their last seen (epoch ms). */
    public final String lastSeen;
    /** Set per watched user: the ids of the handlers that have a connection watching them. */
    public final String watchersPrefix;

    public PresenceKeys(String prefix) {
        this.lastSeen = prefix + "last-seen";
        this.watchersPrefix = prefix + "watchers:";
    }

    public String watchers(UUID userId) {
        return watchersPrefix + userId;
    }
}
