package io.chatserver.lastseenservice.presence;

import java.util.UUID;

/**
 * What a viewer may know of a user's presence: ONLINE (a device connected), OFFLINE with the last
 * seen (null when never seen), or HIDDEN (their privacy setting, or the viewer's own, says no).
 */
public record PresenceView(UUID userId, State state, Long lastSeenAtMs) {

    public enum State {
        ONLINE, OFFLINE, HIDDEN
    }

    static PresenceView hidden(UUID userId) {
        return new PresenceView(userId, State.HIDDEN, null);
    }
}
