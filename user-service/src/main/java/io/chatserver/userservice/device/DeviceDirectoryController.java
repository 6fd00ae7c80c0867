package io.chatserver.userservice.device;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Internal, cluster-only: which devices a user has, so message-service can fan a message out to
 * every device inbox and refuse unknown recipients. No access token (see chat.security.public-paths).
 */
@RestController
final class DeviceDirectoryController {

    /** Canonical form only: {@link UUID#fromString} also accepts short groups such as "1-2-3-4-5". */
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final DeviceDirectory directory;

    DeviceDirectoryController(DeviceDirectory directory) {
        this.directory = directory;
    }

    /** Parsed here rather than bound as a UUID: a type mismatch would be 1001, the contract says 1002. */
    @GetMapping("/internal/v1/users/{userId}/devices")
    Mono<UserDevicesResponse> devices(@PathVariable String userId) {
        UUID id = parse(userId);
        return directory.devices(id);
    }

    private static UUID parse(String userId) {
        if (!UUID_TEXT.matcher(userId).matches()) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "userId must be a UUID");
        }
        return UUID.fromString(userId);
    }
}
