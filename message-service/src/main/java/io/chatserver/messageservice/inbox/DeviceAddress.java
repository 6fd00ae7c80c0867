package io.chatserver.messageservice.inbox;

import java.util.UUID;

/** One device of one user: the owner of one inbox. */
public record DeviceAddress(UUID userId, int deviceId) {
}
