package io.chatserver.userservice.account;

import java.util.UUID;

/**
 * The result of registering a phone number's primary device.
 *
 * @param generation the device's new credential generation; above 1 when an earlier device 1 was replaced
 * @param newAccount whether the account was created by this registration
 */
public record PrimaryDeviceRegistration(UUID userId, int deviceId, long generation, boolean newAccount) {

    /** The user's device list changed: the device did not exist before. */
    public boolean addedDevice() {
        return generation == 1;
    }

    /** An earlier phone held this device id and must be signed out. */
    public boolean replacedDevice() {
        return generation > 1;
    }
}
