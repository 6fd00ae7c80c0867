package io.chatserver.assetservice.storage;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/** UP when HeadBucket on the media bucket succeeds: S3 reachable, bucket there, credentials valid. */
final class MediaBucketHealthIndicator extends AbstractReactiveHealthIndicator {

    private final MediaBucket bucket;

    MediaBucketHealthIndicator(MediaBucket bucket) {
        super("S3 health check failed");
        this.bucket = bucket;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return bucket.check().then(Mono.fromSupplier(() -> builder.up().withDetail("bucket", bucket.name()).build()));
    }
}
