package io.chatserver.assetservice.asset;

import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The profile_photos table: which assets are in use as a profile photo, sizes made. */
@Component
final class ProfilePhotoStore {

    record Photo(UUID assetId, UUID owner, int width, int height) {
    }

    static String photoKey(UUID assetId) {
        return "profile-photos/" + assetId + "/" + PhotoSizes.PHOTO + ".jpg";
    }

    static String thumbnailKey(UUID assetId) {
        return "profile-photos/" + assetId + "/" + PhotoSizes.THUMBNAIL + ".jpg";
    }

    private final BlockingDatabase db;

    ProfilePhotoStore(BlockingDatabase db) {
        this.db = db;
    }

    /** The profile photo, while its asset is READY (not once the clean-up or a replacement took it). */
    Mono<Photo> find(UUID assetId) {
        return db.call(jdbc -> jdbc.sql("SELECT p.owner_user_id, p.width, p.height FROM profile_photos p"
                        + " JOIN assets a ON a.id = p.asset_id WHERE p.asset_id = ? AND a.state = 'READY'")
                .param(assetId.toString())
                .query((rs, n) -> new Photo(assetId, UUID.fromString(rs.getString(1)), rs.getInt(2), rs.getInt(3)))
                .optional()).flatMap(Mono::justOrEmpty);
    }

    /** The owner's other profile photos: replaced by {@code current}. */
    Mono<List<UUID>> othersOf(UUID owner, UUID current) {
        return db.call(jdbc -> jdbc.sql("SELECT asset_id FROM profile_photos WHERE owner_user_id = ? AND asset_id <> ?")
                .params(owner.toString(), current.toString()).query((rs, n) -> UUID.fromString(rs.getString(1))).list());
    }

    /**
     * Written after both sizes are in S3. Fails (a foreign key) when the asset is gone; the same photo
     * made twice at once keeps the first row.
     */
    Mono<Void> insert(Photo photo, Instant at) {
        return db.call(jdbc -> jdbc.sql("INSERT INTO profile_photos (asset_id, owner_user_id, width, height, made_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE asset_id = asset_id")
                .params(photo.assetId().toString(), photo.owner().toString(), photo.width(), photo.height(),
                        Timestamp.from(at))
                .update()).then();
    }
}
