package io.chatserver.assetservice.asset;

import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who besides its uploader may fetch an asset (asset_grants), and view-once fetches per device. */
@Component
final class GrantStore {

    /** A user's grant of one asset; {@code viewOnce}: one download URL per device. */
    record Grant(boolean viewOnce) {
    }

    private final BlockingDatabase db;

    GrantStore(BlockingDatabase db) {
        this.db = db;
    }

    Mono<Optional<Grant>> find(UUID assetId, UUID user) {
        return db.call(jdbc -> jdbc.sql("SELECT view_once FROM asset_grants WHERE asset_id = ? AND user_id = ?")
                .params(assetId.toString(), user.toString()).query((rs, n) -> new Grant(rs.getBoolean(1))).optional());
    }

    /**
     * Grants every recipient; again for one who has it changes nothing, but a normal send outranks view
     * once. False, and nothing granted, when the asset is no longer READY (the clean-up took it). The
     * asset's row is updated first, in the same transaction: the clean-up, which takes an asset only if
     * it was not sent since (and, for "fetched by all", if no recipient is left to fetch it), waits for
     * that row and then finds it sent.
     */
    Mono<Boolean> grant(UUID assetId, UUID sender, List<UUID> recipients, boolean viewOnce, Instant at) {
        // One statement for all of them: a 256-member group is one round trip, not 256.
        List<Object> params = new ArrayList<>(recipients.size() * 5);
        recipients.forEach(recipient -> params.addAll(List.of(assetId.toString(), recipient.toString(), sender.toString(),
                viewOnce, Timestamp.from(at))));
        String rows = String.join(", ", Collections.nCopies(recipients.size(), "(?, ?, ?, ?, ?)"));
        String id = assetId.toString();
        return db.inTransaction(jdbc -> {
            boolean ready = jdbc.sql("UPDATE assets SET last_used_at = ?, first_used_at = COALESCE(first_used_at, ?)"
                    + " WHERE id = ? AND state = 'READY'").params(Timestamp.from(at), Timestamp.from(at), id).update() == 1;
            if (ready && !recipients.isEmpty()) {
                jdbc.sql("INSERT INTO asset_grants (asset_id, user_id, granted_by, view_once, granted_at) VALUES " + rows
                        + " ON DUPLICATE KEY UPDATE view_once = view_once AND VALUES(view_once)").params(params).update();
                // Sent to someone who has not fetched it yet: not "fetched by all" any more.
                jdbc.sql("UPDATE assets SET all_fetched_at = NULL WHERE id = ? AND all_fetched_at IS NOT NULL"
                        + " AND EXISTS (SELECT 1 FROM asset_grants WHERE asset_id = ? AND fetched_at IS NULL)")
                        .params(id, id).update();
            }
            return ready;
        });
    }

    /**
     * A recipient got a download URL: their grant is fetched, and once every grant of the asset is, so is
     * the asset (the clean-up's mark). Two statements, each committed on its own: whichever recipient's
     * second statement runs last sees all the first ones, so two last fetches at once still mark it.
     */
    Mono<Void> fetched(UUID assetId, UUID user, Instant at) {
        return db.call(jdbc -> jdbc.sql("UPDATE asset_grants SET fetched_at = ? WHERE asset_id = ? AND user_id = ?"
                        + " AND fetched_at IS NULL").params(Timestamp.from(at), assetId.toString(), user.toString()).update())
                .flatMap(first -> first == 0 ? Mono.empty() : db.call(jdbc -> jdbc.sql("UPDATE assets SET all_fetched_at = ?"
                        + " WHERE id = ? AND all_fetched_at IS NULL AND NOT EXISTS (SELECT 1 FROM asset_grants"
                        + " WHERE asset_id = ? AND fetched_at IS NULL)")
                        .params(Timestamp.from(at), assetId.toString(), assetId.toString()).update()).then());
    }

    /** True the first time this device asks; false ever after. */
    Mono<Boolean> firstViewOnceFetch(UUID assetId, UUID user, int deviceId, Instant at) {
        return db.call(jdbc -> jdbc.sql("INSERT IGNORE INTO view_once_fetches (asset_id, user_id, device_id, fetched_at)"
                        + " VALUES (?, ?, ?, ?)").params(assetId.toString(), user.toString(), deviceId, Timestamp.from(at))
                .update() == 1);
    }
}
