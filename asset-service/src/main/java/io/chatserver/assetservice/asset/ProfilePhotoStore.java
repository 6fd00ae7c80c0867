package io.chatserver.assetservice.asset;

import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.sql.Timestamp;
import java.time.Instant;
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

    Mono<Photo> find(UUID assetId) {
        return db.call(jdbc -> jdbc.sql("SELECT owner_user_id, width, height FROM profile_photos WHERE asset_id = ?")
                .param(assetId.toString())
                .query((rs, n) -> new Photo(assetId, UUID.fromString(rs.getString(1)), rs.getInt(2), rs.getInt(3)))
                .optional()).flatMap(Mono::justOrEmpty);
    }

    /** Written after both sizes are in S3; a second maker of the same photo changes nothing. */
    Mono<Void> insert(Photo photo, Instant at) {
        return db.call(jdbc -> jdbc.sql("INSERT IGNORE INTO profile_photos (asset_id, owner_user_id, width, height,"
                        + " made_at) VALUES (?, ?, ?, ?, ?)")
                .params(photo.assetId().toString(), photo.owner().toString(), photo.width(), photo.height(),
                        Timestamp.from(at))
                .update()).then();
    }
}
