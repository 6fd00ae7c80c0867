package io.chatserver.assetservice.asset;

import io.chatserver.assetservice.storage.MediaObjects;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * Deleting an asset, for the clean-up and for replaced profile photos. First it is marked DELETING,
 * if it still matches a condition (checked in the same statement): from then on it is not fetched,
 * sent or announced. Then its objects go, then its rows, so S3 is never left holding a file no row
 * names; one that failed half-way stays DELETING and the clean-up finishes it.
 */
@Component
final class AssetDeletion {

    private final AssetStore store;
    private final MediaObjects objects;
    private final MeterRegistry meters;

    AssetDeletion(AssetStore store, MediaObjects objects, MeterRegistry meters) {
        this.store = store;
        this.objects = objects;
        this.meters = meters;
    }

    /** Marks and deletes it if it still matches {@code where}; emits whether it was taken. */
    Mono<Boolean> take(UUID id, String where, List<Object> params, String reason) {
        return store.markDeleting(id, where, params)
                .flatMap(marked -> marked ? finish(id, reason).thenReturn(true) : Mono.just(false));
    }

    /** The objects of a DELETING asset (an open multipart upload aborted), then its rows. */
    Mono<Void> finish(UUID id, String reason) {
        return store.find(id).flatMap(asset -> {
            Mono<Void> upload = asset.uploadId() == null ? Mono.empty()
                    : objects.abortMultipart(asset.objectKey(), asset.uploadId());
            Mono<Void> sizes = asset.kind() != AssetKind.AVATAR ? Mono.empty()
                    : objects.delete(ProfilePhotoStore.photoKey(id)).then(objects.delete(ProfilePhotoStore.thumbnailKey(id)));
            return Uploads.storeCall(upload.then(objects.delete(asset.objectKey())).then(sizes))
                    .then(store.purge(id))
                    .doOnSuccess(done -> meters.counter("chat.assets.deleted", "reason", reason).increment());
        });
    }
}
