package io.chatserver.assetservice.asset;

import io.chatserver.assetservice.storage.MediaObjects;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

/**
 * Profile photos (R34, A9). user-service keeps which asset is whose photo; this makes the two sizes
 * others see when an asset is put in use, and deletes the asset when it is replaced or removed.
 */
@Component
final class ProfilePhotos implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProfilePhotos.class);

    private final AssetStore assets;
    private final ProfilePhotoStore photos;
    private final MediaObjects objects;
    private final AssetDeletion deletion;
    /** Decoding is CPU and memory: two at a time, 8 waiting per thread, the rest told to try again. */
    private final Scheduler decoding = Schedulers.newBoundedElastic(2, 8, "profile-photos");

    ProfilePhotos(AssetStore assets, ProfilePhotoStore photos, MediaObjects objects, AssetDeletion deletion) {
        this.assets = assets;
        this.photos = photos;
        this.objects = objects;
        this.deletion = deletion;
    }

    /**
     * The owner's uploaded AVATAR asset, in use as their profile photo from now on; its sizes are made
     * the first time, and the owner's other profile photos are deleted (replaced). Not theirs, unknown
     * or being deleted: 2203; another kind: 2202; not uploaded yet: 2207; no readable picture: 2209
     * (the asset is then deleted, nothing of it kept).
     */
    Mono<ProfilePhotoStore.Photo> use(UUID owner, UUID assetId) {
        return assets.find(assetId)
                .filter(asset -> asset.owner().equals(owner) && asset.state() != Asset.State.DELETING)
                .switchIfEmpty(Mono.error(() -> notFound(assetId)))
                .flatMap(asset -> {
                    if (asset.kind() != AssetKind.AVATAR) {
                        return Mono.error(new ChatException(ErrorCode.ASSET_TYPE_REFUSED,
                                "a profile photo is uploaded with kind AVATAR, this is " + asset.kind()));
                    }
                    if (asset.state() != Asset.State.READY) {
                        return Mono.error(new ChatException(ErrorCode.ASSET_NOT_READY, "asset " + assetId
                                + " is not uploaded and checked yet"));
                    }
                    // Used first: the clean-up takes only an AVATAR upload never used, so not this one now.
                    return assets.markUsed(assetId, AssetStore.now())
                            .flatMap(used -> used ? photos.find(assetId).switchIfEmpty(Mono.defer(() -> make(asset)))
                                    : Mono.error(notFound(assetId)));
                })
                .flatMap(photo -> retireOthers(owner, assetId).thenReturn(photo));
    }

    private Mono<Void> retireOthers(UUID owner, UUID current) {
        return photos.othersOf(owner, current).flatMapMany(reactor.core.publisher.Flux::fromIterable)
                .concatMap(old -> deletion.take(old, "kind = 'AVATAR'", List.of(), "replaced-profile-photo"))
                .then();
    }

    private static ChatException notFound(UUID assetId) {
        return new ChatException(ErrorCode.ASSET_NOT_FOUND, "no asset " + assetId);
    }

    private Mono<ProfilePhotoStore.Photo> make(Asset asset) {
        return Uploads.storeCall(original(asset))
                .flatMap(bytes -> Mono.fromCallable(() -> PhotoSizes.make(bytes)).subscribeOn(decoding))
                .onErrorMap(RejectedExecutionException.class, busy -> new ChatException(
                        ErrorCode.ASSET_STORE_UNAVAILABLE, "too many profile photos being made at once; try again"))
                .onErrorResume(e -> e instanceof ChatException refusal && refusal.code() == ErrorCode.ASSET_IMAGE_UNREADABLE,
                        refusal -> discard(asset).then(Mono.error(refusal)))
                .flatMap(made -> {
                    var photo = new ProfilePhotoStore.Photo(asset.id(), asset.owner(), made.width(), made.height());
                    return Uploads.storeCall(objects.put(ProfilePhotoStore.photoKey(asset.id()), made.photo(), "image/jpeg")
                                    .then(objects.put(ProfilePhotoStore.thumbnailKey(asset.id()), made.thumbnail(),
                                            "image/jpeg")))
                            .then(photos.insert(photo, AssetStore.now()))
                            .thenReturn(photo);
                });
    }

    private Mono<byte[]> original(Asset asset) {
        return objects.read(asset.objectKey())
                .collect(() -> new ByteArrayOutputStream((int) asset.size()), (out, buffer) -> {
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    out.writeBytes(chunk);
                })
                .map(ByteArrayOutputStream::toByteArray);
    }

    /** Those that others may see: 2203 for an asset that is no profile photo (any more). */
    Mono<ProfilePhotoStore.Photo> inUse(UUID assetId) {
        return photos.find(assetId)
                .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.ASSET_NOT_FOUND, "no profile photo " + assetId)));
    }

    /** The owner's AVATAR asset and its sizes, deleted (a photo removed); for anything else, or again, nothing happens. */
    Mono<Void> release(UUID owner, UUID assetId) {
        return deletion.take(assetId, "kind = 'AVATAR' AND owner_user_id = ?", List.of(owner.toString()),
                "removed-profile-photo").then();
    }

    /** An unreadable picture: its original and row go; should that fail, the refusal still stands. */
    private Mono<Void> discard(Asset asset) {
        return deletion.take(asset.id(), "kind = 'AVATAR'", List.of(), "unreadable-profile-photo").then()
                .onErrorResume(e -> {
                    log.warn("Could not delete the unreadable profile photo {}: {}", asset.id(), e.toString());
                    return Mono.empty();
                });
    }

    @Override
    public void destroy() {
        decoding.dispose();
    }
}
