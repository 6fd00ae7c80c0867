package io.chatserver.assetservice.asset;

import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The assets table (MySQL), through the bounded JDBC scheduler. */
@Component
final class AssetStore {

    private static final String COLUMNS = "id, owner_user_id, kind, declared_type, size, sha256, state, content_type,"
            + " upload_id, part_size, created_at, ready_at";
    private static final RowMapper<Asset> ROW = (rs, n) -> new Asset(UUID.fromString(rs.getString("id")),
            UUID.fromString(rs.getString("owner_user_id")), AssetKind.valueOf(rs.getString("kind")),
            rs.getString("declared_type"), rs.getLong("size"), rs.getString("sha256"),
            Asset.State.valueOf(rs.getString("state")), rs.getString("content_type"), rs.getString("upload_id"),
            rs.getInt("part_size"), rs.getTimestamp("created_at").toInstant(),
            Optional.ofNullable(rs.getTimestamp("ready_at")).map(Timestamp::toInstant).orElse(null));

    private final BlockingDatabase db;

    AssetStore(BlockingDatabase db) {
        this.db = db;
    }

    Mono<Asset> find(UUID id) {
        return db.call(jdbc -> jdbc.sql("SELECT " + COLUMNS + " FROM assets WHERE id = ?").param(id.toString())
                .query(ROW).optional()).flatMap(Mono::justOrEmpty);
    }

    /** The uploader's asset with this content, if they announced it before. */
    Mono<Asset> findSame(UUID owner, AssetKind kind, String sha256, long size) {
        return db.call(jdbc -> jdbc.sql("SELECT " + COLUMNS + " FROM assets WHERE owner_user_id = ? AND kind = ?"
                        + " AND sha256 = ? AND size = ?").params(owner.toString(), kind.name(), sha256, size)
                .query(ROW).optional()).flatMap(Mono::justOrEmpty);
    }

    /** Fails with DuplicateKeyException when the same content was announced at the same moment. */
    Mono<Asset> insert(Asset asset) {
        return db.call(jdbc -> jdbc.sql("INSERT INTO assets (" + COLUMNS + ", last_used_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(asset.id().toString(), asset.owner().toString(), asset.kind().name(), asset.declaredType(),
                        asset.size(), asset.sha256(), asset.state().name(), asset.contentType(), asset.uploadId(),
                        asset.multipart() ? asset.partSize() : null, Timestamp.from(asset.createdAt()),
                        asset.readyAt() == null ? null : Timestamp.from(asset.readyAt()), Timestamp.from(asset.createdAt()))
                .update()).thenReturn(asset);
    }

    /** Marks the checked asset READY; false when it was not UPLOADING any more (a repeated complete). */
    Mono<Boolean> markReady(Asset ready) {
        return db.call(jdbc -> jdbc.sql("UPDATE assets SET state = 'READY', content_type = ?, upload_id = NULL,"
                        + " part_size = NULL, ready_at = ? WHERE id = ? AND state = 'UPLOADING'")
                .params(ready.contentType(), Timestamp.from(ready.readyAt()), ready.id().toString()).update() == 1);
    }

    Mono<Void> delete(UUID id) {
        return db.call(jdbc -> jdbc.sql("DELETE FROM assets WHERE id = ?").param(id.toString()).update()).then();
    }

    /** Ids of up to {@code limit} assets matching {@code where} (SQL over the assets table, values bound). */
    Mono<List<UUID>> matching(String where, List<Object> params, int limit) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        return db.call(jdbc -> jdbc.sql("SELECT id FROM assets WHERE " + where + " LIMIT ?").params(all)
                .query((rs, n) -> UUID.fromString(rs.getString(1))).list());
    }

    /** DELETING, if it still matches {@code where} (a send or fetch since the look changes that). */
    Mono<Boolean> markDeleting(UUID id, String where, List<Object> params) {
        List<Object> all = new ArrayList<>();
        all.add(id.toString());
        all.addAll(params);
        return db.call(jdbc -> jdbc.sql("UPDATE assets SET state = 'DELETING' WHERE id = ? AND (" + where + ")")
                .params(all).update() == 1);
    }

    /** Put in use as a profile photo: false when it is no longer READY (the clean-up took it). */
    Mono<Boolean> markUsed(UUID id, Instant at) {
        return db.call(jdbc -> jdbc.sql("UPDATE assets SET last_used_at = ?, first_used_at = COALESCE(first_used_at, ?)"
                        + " WHERE id = ? AND state = 'READY'")
                .params(Timestamp.from(at), Timestamp.from(at), id.toString()).update() == 1);
    }

    /** The asset's rows: its grants, view-once fetches, profile photo and itself, in one transaction. */
    Mono<Void> purge(UUID id) {
        return db.inTransaction(jdbc -> {
            jdbc.sql("DELETE FROM view_once_fetches WHERE asset_id = ?").param(id.toString()).update();
            jdbc.sql("DELETE FROM asset_grants WHERE asset_id = ?").param(id.toString()).update();
            return jdbc.sql("DELETE FROM assets WHERE id = ?").param(id.toString()).update();
        }).then();
    }

    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
