package io.chatserver.userservice.account;

import java.util.UUID;

/** What the token endpoint checks a device secret against. */
public record DeviceCredential(UUID userId, int deviceId, byte[] secretHash, long generation) {
}
