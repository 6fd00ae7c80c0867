package io.chatserver.userservice.device;

import java.util.List;

/** Every device of the user, ascending; 1 is the primary phone. */
record UserDevicesResponse(String userId, List<Integer> deviceIds) {
}
