package io.chatserver.wsmanager.sessions;

import io.chatserver.wsmanager.registry.SessionRef;

/** {@code replaced} is the device's previous session (now told to close), or null. */
record RegisterSessionResponse(SessionRef replaced) {
}
