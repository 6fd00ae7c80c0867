package io.chatserver.assetservice.storage;

import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The bucket media objects live in. */
final class MediaBucket {

    private final S3AsyncClient s3;
    private final String name;

    MediaBucket(S3AsyncClient s3, String name) {
        this.s3 = s3;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Completes when the bucket exists and these credentials may use it (HeadBucket). */
    Mono<Void> check() {
        return Mono.fromFuture(() -> s3.headBucket(request -> request.bucket(name))).then();
    }

    /**
     * Creates the bucket, private, unless it exists. Emits true when this call created it. Safe
     * when instances start together: the loser of a create race gets "already owned by you".
     */
    Mono<Boolean> ensureExists() {
        return check().thenReturn(false)
                .onErrorResume(MediaBucket::isNotFound, missing -> create());
    }

    private Mono<Boolean> create() {
        return Mono.fromFuture(() -> s3.createBucket(request -> request.bucket(name).acl(BucketCannedACL.PRIVATE)))
                .thenReturn(true)
                .onErrorResume(BucketAlreadyOwnedByYouException.class, raced -> Mono.just(false));
    }

    private static boolean isNotFound(Throwable error) {
        return error instanceof S3Exception s3Error && s3Error.statusCode() == 404;
    }
}
