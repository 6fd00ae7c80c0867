package io.chatserver.userservice.device;

import java.util.List;

/**
 * Every device of the user, ascending; 1 is the primary phone. {@code version} is the list's tag in
 * Redis (null when Redis could not be asked).
 */
record UserDevicesResponse(String userId, List<Integer> deviceIds, String version) {
}
