package io.chatserver.assetservice.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import java.time.Duration;

/**
 * Makes sure the media bucket exists before the instance reports ready (runners finish before
 * readiness turns ACCEPTING_TRAFFIC). Blocks the main thread only, never an event loop.
 */
final class MediaBucketInitializer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MediaBucketInitializer.class);

    private final MediaBucket bucket;
    private final Duration timeout;

    MediaBucketInitializer(MediaBucket bucket, Duration timeout) {
        this.bucket = bucket;
        this.timeout = timeout;
    }

    @Override
    public void run(ApplicationArguments args) {
        Boolean created = bucket.ensureExists().block(timeout.multipliedBy(3));
        log.info(Boolean.TRUE.equals(created) ? "Created media bucket {}" : "Media bucket {} exists", bucket.name());
    }
}
