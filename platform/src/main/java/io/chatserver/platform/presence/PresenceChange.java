package io.chatserver.platform.presence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of the registry's presence stream ({@code RegistryKeys.presenceChanges}): a user came
 * online (their first device registered) or went offline (their last session went). ws-manager's Lua
 * scripts write it, with the field names below, in the same script as the registry change, so the
 * stream never misses a change the registry made. {@code at} is when it happened by ws-manager's
 * clock: for offline, the last moment the device was known active (its last inbound frame, or its
 * handler's last lease renewal when the handler died), which is the user's last seen.
 */
public record PresenceChange(String streamId, UUID userId, boolean online, Instant at) {

    public static final String USER = "u";
    public static final String STATE = "s";
    public static final String AT = "t";
    public static final String ONLINE = "on";
    public static final String OFFLINE = "off";
    /**
     * The stream is trimmed (approximately) to this many entries: about 80 MB of Redis, hours of
     * churn for a large deployment, enough for lastseen-service to catch up after a restart.
     */
    public static final long MAX_ENTRIES = 1_000_000;

    /** Parses an entry; throws IllegalArgumentException for one that was not written by the registry. */
    public static PresenceChange parse(String streamId, Map<?, ?> fields) {
        Object user = fields.get(USER);
        Object state = fields.get(STATE);
        Object at = fields.get(AT);
        if (user == null || at == null || !(ONLINE.equals(state) || OFFLINE.equals(state))) {
            throw new IllegalArgumentException("not a presence change: " + fields);
        }
        return new PresenceChange(streamId, UUID.fromString(user.toString()), ONLINE.equals(state),
                Instant.ofEpochMilli(Long.parseLong(at.toString())));
    }
}
