package io.chatserver.lastseenservice.privacy;

import io.chatserver.lastseenservice.PresenceProperties;
import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Privacy settings in MySQL (privacy_settings); a user without a row has the configured default. */
@Component
public final class PrivacyStore {

    private final BlockingDatabase db;
    private final Clock clock;
    private final Visibility defaultVisibility;

    PrivacyStore(BlockingDatabase db, Clock clock, PresenceProperties properties) {
        this.db = db;
        this.clock = clock;
        this.defaultVisibility = properties.defaultVisibility();
    }

    public Mono<Visibility> visibility(UUID userId) {
        return visibilities(List.of(userId)).map(all -> all.get(userId));
    }

    /** Every user's setting, the default for those who never chose. */
    public Mono<Map<UUID, Visibility>> visibilities(Collection<UUID> userIds) {
        return db.call(jdbc -> {
            Map<UUID, Visibility> found = new HashMap<>();
            jdbc.sql("SELECT user_id, visibility FROM privacy_settings WHERE user_id IN (:ids)")
                    .param("ids", userIds.stream().map(UUID::toString).toList())
                    .query((row, i) -> found.put(UUID.fromString(row.getString(1)),
                            Visibility.valueOf(row.getString(2))))
                    .list();
            userIds.forEach(id -> found.putIfAbsent(id, defaultVisibility));
            return found;
        });
    }

    public Mono<Visibility> set(UUID userId, Visibility visibility) {
        return db.call(jdbc -> jdbc.sql("""
                        INSERT INTO privacy_settings (user_id, visibility, updated_at) VALUES (?, ?, ?)
                        ON DUPLICATE KEY UPDATE visibility = VALUES(visibility), updated_at = VALUES(updated_at)""")
                .params(userId.toString(), visibility.name(), clock.millis())
                .update()).thenReturn(visibility);
    }
}
