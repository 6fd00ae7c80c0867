package io.chatserver.userservice.device;

import io.chatserver.platform.devices.DeviceListVersions;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's device ids from the account rows, with the list's version tag so that callers may keep
 * it (see {@link DeviceListVersions}); a missing account is 1401.
 */
@Component
final class DeviceDirectory {

    /**
     * One statement answers both questions: no row means no such user, a single row with a null
     * device id means a user without devices. Ascending, so the primary phone (1) comes first.
     */
    private static final String SELECT = """
            SELECT d.device_id FROM users u LEFT JOIN devices d ON d.user_id = u.id
            WHERE u.id = ? ORDER BY d.device_id""";

    /** A hanging Redis must not hold the answer up: it goes out without a tag (not to be kept). */
    private static final Duration TAG_TIMEOUT = Duration.ofMillis(500);

    private final BlockingDatabase database;
    private final DeviceListVersions versions;

    DeviceDirectory(BlockingDatabase database, DeviceListVersions versions) {
        this.database = database;
        this.versions = versions;
    }

    /**
     * Emits the device ids, ascending, or fails with 1401 when the user does not exist. The tag is
     * read first, so a change committed during the read shows as a newer tag; without Redis the
     * list goes out without one (callers then must not keep it).
     */
    Mono<UserDevicesResponse> devices(UUID userId) {
        Mono<Optional<String>> version = versions.currentOrNew(userId).map(Optional::of)
                .timeout(TAG_TIMEOUT)
                .onErrorReturn(Optional.empty());
        return version.flatMap(tag -> database.call(jdbc -> read(jdbc, userId))
                        .flatMap(Mono::justOrEmpty)
                        .map(ids -> new UserDevicesResponse(userId.toString(), ids, tag.orElse(null))))
                .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no user " + userId)));
    }

    private static Optional<List<Integer>> read(JdbcClient jdbc, UUID userId) {
        List<Integer> rows = jdbc.sql(SELECT).param(userId.toString())
                .query((row, i) -> row.getObject(1, Integer.class))
                .list();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.stream().filter(Objects::nonNull).toList());
    }
}
