package io.chatserver.assetservice.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import reactor.util.retry.Retry;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Makes sure the media bucket exists before the instance reports ready (runners finish before
 * readiness turns ACCEPTING_TRAFFIC). Blocks the main thread only, never an event loop. S3 that
 * does not answer yet (starting, or slow while a whole stack starts on a small machine) is asked
 * again for up to {@code startupWait} (2 minutes in the service); an answer that refuses (credentials, policy) fails at once.
 */
final class MediaBucketInitializer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MediaBucketInitializer.class);
    static final Duration STARTUP_WAIT = Duration.ofMinutes(2);

    private final MediaBucket bucket;
    private final Duration startupWait;

    MediaBucketInitializer(MediaBucket bucket, Duration startupWait) {
        this.bucket = bucket;
        this.startupWait = startupWait;
    }

    @Override
    public void run(ApplicationArguments args) {
        Boolean created = bucket.ensureExists()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5))
                        .filter(error -> error instanceof SdkClientException)
                        .doBeforeRetry(retry -> log.warn("S3 did not answer ({}); asking again", retry.failure().toString()))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .timeout(startupWait)
                .onErrorMap(TimeoutException.class, late -> new IllegalStateException(
                        "S3 did not answer within " + startupWait + " (is it up?)", late))
                .block();
        log.info(Boolean.TRUE.equals(created) ? "Created media bucket {}" : "Media bucket {} exists", bucket.name());
    }
}
