package io.chatserver.userservice.profile;

import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Profiles live on the account rows; values travel as bound parameters, never as SQL text. */
@Component
final class ProfileStore {

    private static final String SELECT = "SELECT id, phone_number, display_name, about, photo_asset_id, updated_at FROM users"
            + " WHERE id = ?";

    private final BlockingDatabase database;
    private final Clock clock;

    ProfileStore(BlockingDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    Mono<Profile> find(UUID userId) {
        return database.call(jdbc -> read(jdbc, userId)).flatMap(Mono::justOrEmpty);
    }

    /** Emits the updated profile, or empty when the account does not exist. */
    Mono<Profile> update(UUID userId, String displayName, String about) {
        return database.inTransaction(jdbc -> {
            int rows = jdbc.sql("UPDATE users SET display_name = ?, about = ?, updated_at = ? WHERE id = ?")
                    .params(displayName, about, clock.millis(), userId.toString())
                    .update();
            return rows == 0 ? Optional.<Profile>empty() : read(jdbc, userId);
        }).flatMap(Mono::justOrEmpty);
    }

    /**
     * The profile photo set ({@code assetId} null: removed); only while it is still {@code expected}
     * when that is given (a removal does not undo a photo set meanwhile). Emits the profile after, or
     * empty when there is no such user.
     */
    Mono<Profile> setPhoto(UUID userId, UUID assetId, UUID expected) {
        return database.inTransaction(jdbc -> {
            String sql = "UPDATE users SET photo_asset_id = ?, updated_at = ? WHERE id = ?"
                    + (expected == null ? "" : " AND photo_asset_id = ?");
            List<Object> params = new ArrayList<>(Arrays.asList(assetId == null ? null : assetId.toString(),
                    clock.millis(), userId.toString()));
            if (expected != null) {
                params.add(expected.toString());
            }
            jdbc.sql(sql).params(params).update();
            return read(jdbc, userId);
        }).flatMap(Mono::justOrEmpty);
    }

    private static Optional<Profile> read(JdbcClient jdbc, UUID userId) {
        return jdbc.sql(SELECT).param(userId.toString())
                .query((row, i) -> new Profile(UUID.fromString(row.getString(1)), row.getString(2), row.getString(3),
                        row.getString(4), Optional.ofNullable(row.getString(5)).map(UUID::fromString).orElse(null),
                        Instant.ofEpochMilli(row.getLong(6))))
                .optional();
    }
}
