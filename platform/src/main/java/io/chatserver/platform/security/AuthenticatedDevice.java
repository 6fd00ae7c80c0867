package io.chatserver.platform.security;

import java.util.UUID;

/**
 * Who is calling: one device of one user, as proven by a verified access token. The generation
 * is bumped when the phone number is registered again, which revokes older tokens (A10).
 */
public record AuthenticatedDevice(UUID userId, int deviceId, long generation) {
}
