package io.chatserver.userservice.device;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.userservice.database.BlockingDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A user's device ids from the account rows; a missing account is 1401. */
@Component
final class DeviceDirectory {

    /**
     * One statement answers both questions: no row means no such user, a single row with a null
     * device id means a user without devices. Ascending, so the primary phone (1) comes first.
     */
    private static final String SELECT = """
            SELECT d.device_id FROM users u LEFT JOIN devices d ON d.user_id = u.id
            WHERE u.id = ? ORDER BY d.device_id""";

    private final BlockingDatabase database;

    DeviceDirectory(BlockingDatabase database) {
        this.database = database;
    }

    /** Emits the device ids, ascending, or fails with 1401 when the user does not exist. */
    Mono<List<Integer>> deviceIds(UUID userId) {
        return database.call(jdbc -> read(jdbc, userId))
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no user " + userId)));
    }

    private static Optional<List<Integer>> read(JdbcClient jdbc, UUID userId) {
        List<Integer> rows = jdbc.sql(SELECT).param(userId.toString())
                .query((row, i) -> row.getObject(1, Integer.class))
                .list();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.stream().filter(Objects::nonNull).toList());
    }
}
