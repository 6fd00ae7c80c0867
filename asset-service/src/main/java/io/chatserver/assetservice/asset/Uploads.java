package io.chatserver.assetservice.asset;

import io.chatserver.assetservice.storage.MediaObjects;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

/**
 * Uploads, from the announcement to a checked, READY asset. Files up to {@code direct-upload-max}
 * come through the service in one request and are checked before anything is written; larger ones
 * go straight to S3 in parts (presigned URLs, so the bytes never pass through here) and are read
 * back once for the check when the app says they are complete. A file whose bytes are not what was
 * announced, or of a type its kind does not take, is refused with a numbered error and not kept.
 */
@Component
final class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    /** A direct upload holds one of few places: a client that sends too slowly gives it up. */
    static final Duration DIRECT_UPLOAD_TIMEOUT = Duration.ofMinutes(2);
    /** How far past its announced size a direct upload is read before the connection is given up. */
    static final long DRAIN_LIMIT = 1024 * 1024;

    private final AssetStore store;
    private final MediaObjects objects;
    private final AssetsProperties properties;
    private final Semaphore directUploads;

    Uploads(AssetStore store, MediaObjects objects, AssetsProperties properties) {
        this.store = store;
        this.objects = objects;
        this.properties = properties;
        this.directUploads = new Semaphore(properties.directUploadsInFlight());
        ContentCheck.warmUp();
    }

    record Announced(Asset asset, boolean created) {
    }

    /** The asset for this content: the uploader's earlier one with the same bytes, or a new one. */
    Mono<Announced> announce(UUID owner, UploadRequest request) {
        long limit = properties.limits().of(request.kind());
        if (request.size() > limit) {
            return Mono.error(new ChatException(ErrorCode.ASSET_TOO_LARGE, request.kind().name().toLowerCase()
                    + " files may have at most " + limit + " bytes, not " + request.size()));
        }
        if (!AcceptedTypes.accepts(request.kind(), request.contentType())) {
            return Mono.error(new ChatException(ErrorCode.ASSET_TYPE_REFUSED, request.contentType()
                    + " is not accepted as " + request.kind().name().toLowerCase() + "; accepted: "
                    + AcceptedTypes.of(request.kind())));
        }
        return store.findSame(owner, request.kind(), request.sha256(), request.size())
                .flatMap(same -> same.state() == Asset.State.DELETING
                        // The clean-up is deleting the earlier one right now; its row goes within moments.
                        ? Mono.<Announced>error(new ChatException(ErrorCode.ASSET_STORE_UNAVAILABLE,
                                "an earlier upload of this file is being deleted; announce it again"))
                        : Mono.just(new Announced(same, false)))
                .switchIfEmpty(Mono.defer(() -> create(owner, request)));
    }

    private Mono<Announced> create(UUID owner, UploadRequest request) {
        UUID id = UUID.randomUUID();
        boolean multipart = request.size() > properties.directUploadMax().toBytes();
        Asset draft = new Asset(id, owner, request.kind(), request.contentType(), request.size(), request.sha256(),
                Asset.State.UPLOADING, null, null, (int) properties.partSize().toBytes(), AssetStore.now(), null);
        Mono<Asset> withUpload = multipart
                ? storeCall(objects.startMultipart(draft.objectKey())).map(uploadId -> withUploadId(draft, uploadId))
                : Mono.just(draft);
        return withUpload.flatMap(asset -> store.insert(asset)
                .map(inserted -> new Announced(inserted, true))
                // The same content announced twice at once: one row wins, the other upload goes.
                .onErrorResume(DuplicateKeyException.class, raced -> (asset.multipart()
                        ? objects.abortMultipart(asset.objectKey(), asset.uploadId()).onErrorResume(e -> Mono.empty())
                        : Mono.<Void>empty())
                        .then(store.findSame(owner, request.kind(), request.sha256(), request.size()))
                        .map(same -> new Announced(same, false))));
    }

    private static Asset withUploadId(Asset draft, String uploadId) {
        return new Asset(draft.id(), draft.owner(), draft.kind(), draft.declaredType(), draft.size(), draft.sha256(),
                draft.state(), null, uploadId, draft.partSize(), draft.createdAt(), null);
    }

    /** The owner's asset; 2203 for anybody else, as for an id that does not exist. */
    Mono<Asset> owned(UUID owner, UUID id) {
        return store.find(id).filter(asset -> asset.owner().equals(owner) && asset.state() != Asset.State.DELETING)
                .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.ASSET_NOT_FOUND, "no asset " + id)));
    }

    /** Whether S3 holds the assembled file (its multipart upload was completed). */
    Mono<Boolean> assembled(Asset asset) {
        return storeCall(objects.exists(asset.objectKey()));
    }

    /** The parts S3 already holds for an open multipart upload. */
    Mono<List<Part>> uploadedParts(Asset asset) {
        return storeCall(objects.parts(asset.objectKey(), asset.uploadId()));
    }

    /** All the bytes of a small file in one request: checked, then written, then READY. */
    Mono<Asset> receive(UUID owner, UUID id, Flux<DataBuffer> body) {
        return owned(owner, id).flatMap(asset -> {
            if (asset.state() == Asset.State.READY) {
                return Mono.just(asset); // a repeated upload of a checked file
            }
            if (asset.multipart()) {
                return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED, "this file is uploaded in parts to the"
                        + " URLs given by GET /v1/assets/" + id + ", then POST /v1/assets/" + id + "/complete"));
            }
            if (!directUploads.tryAcquire()) {
                return Mono.error(new ChatException(ErrorCode.RATE_LIMITED, "too many uploads at once; try again"));
            }
            return bytesOf(body, asset.size())
                    .flatMap(bytes -> {
                        ContentCheck check = new ContentCheck();
                        check.update(bytes);
                        return verdict(asset, check)
                                // Nothing was written: a file of a refused type goes with its row.
                                .onErrorResume(Uploads::refusesTheType, refused -> store.delete(asset.id())
                                        .then(Mono.error(refused)))
                                .flatMap(ready -> storeCall(objects.put(asset.objectKey(), bytes, ready.contentType()))
                                        .then(finish(ready)));
                    })
                    .doFinally(signal -> directUploads.release());
        });
    }

    /**
     * The body, at most {@code size} bytes of it kept. A few bytes too many are read to the end and
     * refused (2205) with an answer the client can read; a flood is cut off after {@link #DRAIN_LIMIT}.
     */
    private static Mono<byte[]> bytesOf(Flux<DataBuffer> body, long size) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream((int) size);
        long[] received = {0};
        return body.handle((DataBuffer buffer, SynchronousSink<DataBuffer> sink) -> {
                    try {
                        int n = buffer.readableByteCount();
                        if (received[0] + n <= size) {
                            byte[] chunk = new byte[n];
                            buffer.read(chunk);
                            kept.write(chunk, 0, n);
                        }
                        received[0] += n;
                        if (received[0] > size + DRAIN_LIMIT) {
                            sink.error(new ChatException(ErrorCode.ASSET_CONTENT_MISMATCH,
                                    "far more than the " + size + " bytes announced"));
                        }
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .then(Mono.defer(() -> received[0] > size
                        ? Mono.error(new ChatException(ErrorCode.ASSET_CONTENT_MISMATCH,
                                received[0] + " bytes arrived, " + size + " were announced"))
                        : Mono.just(kept.toByteArray())))
                .timeout(DIRECT_UPLOAD_TIMEOUT)
                .onErrorMap(TimeoutException.class, e -> new ChatException(ErrorCode.ASSET_UPLOAD_INCOMPLETE,
                        "the bytes did not arrive within " + DIRECT_UPLOAD_TIMEOUT.toSeconds() + " s; send them again"));
    }

    /** After the last part: S3 assembles the file, the service reads it back once and checks it. */
    Mono<Asset> complete(UUID owner, UUID id) {
        return owned(owner, id).flatMap(asset -> {
            if (asset.state() == Asset.State.READY) {
                return Mono.just(asset);
            }
            if (!asset.multipart()) {
                return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED,
                        "this file is uploaded in one request: PUT /v1/assets/" + id + "/content"));
            }
            return assembled(asset).flatMap(assembled -> assembled ? afterLostUpload(id) : complete(asset));
        });
    }

    private Mono<Asset> complete(Asset asset) {
        return uploadedParts(asset)
                    .flatMap(parts -> checkParts(asset, parts))
                    .flatMap(parts -> storeCall(objects.completeMultipart(asset.objectKey(), asset.uploadId(), parts)))
                    .then(Mono.defer(() -> readBack(asset)))
                    .onErrorResume(NoSuchUploadException.class, gone -> afterLostUpload(asset.id()));
    }

    /**
     * S3 knows the multipart upload no more: completed by a call at the same moment, or by one that
     * then failed before the check (S3 down, a restart). The assembled object, when there, is checked
     * now; without it the upload is gone and so is the asset (announce the file again).
     */
    Mono<Asset> afterLostUpload(UUID id) {
        return store.find(id).flatMap(asset -> asset.state() == Asset.State.READY ? Mono.just(asset)
                : storeCall(objects.exists(asset.objectKey())).flatMap(assembled -> assembled ? readBack(asset)
                        : store.delete(id).then(Mono.error(new ChatException(ErrorCode.ASSET_UPLOAD_INCOMPLETE,
                                "the upload was abandoned; announce the file again")))))
                .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.ASSET_NOT_FOUND, "no asset " + id)));
    }

    private static Mono<List<Part>> checkParts(Asset asset, List<Part> parts) {
        List<Integer> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int number = 1; number <= asset.partCount(); number++) {
            int wanted = number;
            Part part = parts.stream().filter(p -> p.partNumber() == wanted).findFirst().orElse(null);
            if (part == null) {
                missing.add(number);
            } else if (part.size() != asset.partLength(number)) {
                wrong.add("part " + number + " has " + part.size() + " bytes, not " + asset.partLength(number));
            }
        }
        if (!missing.isEmpty()) {
            return Mono.error(new ChatException(ErrorCode.ASSET_UPLOAD_INCOMPLETE, "parts missing: " + missing));
        }
        if (!wrong.isEmpty() || parts.size() != asset.partCount()) {
            return Mono.error(new ChatException(ErrorCode.ASSET_CONTENT_MISMATCH, wrong.isEmpty()
                    ? "parts beyond the " + asset.partCount() + " announced" : String.join("; ", wrong)
                    + "; send those parts again"));
        }
        return Mono.just(parts);
    }

    private Mono<Asset> readBack(Asset asset) {
        ContentCheck check = new ContentCheck();
        // Hashing up to 100 MiB is CPU work: off the S3 client's event loop.
        return storeCall(objects.read(asset.objectKey()).publishOn(Schedulers.parallel()).doOnNext(check::update).then())
                .then(Mono.defer(() -> verdict(asset, check)))
                // The assembled file is not what was announced: nothing of it is kept, the app starts again.
                .onErrorResume(Uploads::refusesTheBytes, refused -> discard(asset).then(Mono.error(refused)))
                .flatMap(this::finish);
    }

    /** READY when the bytes are what was announced and of a type the kind takes; else the numbered refusal. */
    private Mono<Asset> verdict(Asset asset, ContentCheck check) {
        long size = check.size();
        String sha256 = check.sha256Hex();
        String detected = check.detectedType();
        if (size != asset.size() || !sha256.equals(asset.sha256())) {
            return Mono.error(new ChatException(ErrorCode.ASSET_CONTENT_MISMATCH, size != asset.size()
                    ? size + " bytes arrived, " + asset.size() + " were announced"
                    : "the SHA-256 of the bytes is " + sha256 + ", " + asset.sha256() + " was announced"));
        }
        if (!AcceptedTypes.accepts(asset.kind(), detected)) {
            log.info("Refused asset {} of {}: announced {}, the bytes are {}", asset.id(), asset.owner(),
                    asset.declaredType(), detected);
            return Mono.error(new ChatException(ErrorCode.ASSET_TYPE_REFUSED,
                    "the bytes are " + detected + ", which is not accepted as " + asset.kind().name().toLowerCase()));
        }
        return Mono.just(asset.ready(detected, AssetStore.now()));
    }

    /**
     * READY, or what a concurrent call made it. If the clean-up took the unfinished upload meanwhile
     * (after a day), the object just written would name no row: it goes too, and the app gets 2203.
     */
    private Mono<Asset> finish(Asset ready) {
        return store.markReady(ready).flatMap(updated -> updated ? Mono.just(ready) : store.find(ready.id())
                .filter(current -> current.state() == Asset.State.READY)
                .switchIfEmpty(Mono.defer(() -> objects.delete(ready.objectKey())
                        .onErrorResume(e -> Mono.empty())
                        .then(Mono.error(new ChatException(ErrorCode.ASSET_NOT_FOUND, "asset " + ready.id()
                                + " was deleted while its bytes arrived (unfinished for too long); announce it again"))))));
    }

    /** The object first: should S3 fail, the row stays and names the object (no orphan in the bucket). */
    private Mono<Void> discard(Asset asset) {
        return objects.delete(asset.objectKey()).then(store.delete(asset.id()))
                .onErrorResume(e -> {
                    log.warn("Could not delete the refused object of asset {}: {}", asset.id(), e.toString());
                    return Mono.empty();
                });
    }

    private static boolean refusesTheType(Throwable e) {
        return e instanceof ChatException refusal && refusal.code() == ErrorCode.ASSET_TYPE_REFUSED;
    }

    private static boolean refusesTheBytes(Throwable e) {
        return e instanceof ChatException refusal && (refusal.code() == ErrorCode.ASSET_CONTENT_MISMATCH
                || refusal.code() == ErrorCode.ASSET_TYPE_REFUSED);
    }

    static <T> Mono<T> storeCall(Mono<T> call) {
        return call.onErrorMap(e -> e instanceof SdkException && !(e instanceof NoSuchUploadException),
                e -> {
                    log.warn("S3 call failed", e);
                    return new ChatException(ErrorCode.ASSET_STORE_UNAVAILABLE, "S3: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                });
    }
}
