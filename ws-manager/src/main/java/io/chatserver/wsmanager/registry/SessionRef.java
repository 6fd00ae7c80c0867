package io.chatserver.wsmanager.registry;

/** A session on a handler, e.g. the one a new registration replaced. */
public record SessionRef(String handlerId, String sessionId) {
}
