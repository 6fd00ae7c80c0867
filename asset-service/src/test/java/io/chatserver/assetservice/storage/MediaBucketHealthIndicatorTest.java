package io.chatserver.assetservice.storage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An S3 endpoint nobody listens on: the check must say DOWN quickly and startup must not pass. */
class MediaBucketHealthIndicatorTest {

    private static S3AsyncClient clientForClosedPort() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        S3Properties properties = new S3Properties("http://127.0.0.1:" + closed, "us-east-1", "key", "secret", true,
                "chat-media", Duration.ofSeconds(1), "");
        return new S3StorageConfiguration().s3AsyncClient(properties);
    }

    @Test
    void anUnreachableStoreIsDownWithinTheCallTimeout() throws IOException {
        try (S3AsyncClient s3 = clientForClosedPort()) {
            MediaBucketHealthIndicator indicator = new MediaBucketHealthIndicator(new MediaBucket(s3, "chat-media"));

            long started = System.nanoTime();
            Health health = indicator.health().block(Duration.ofSeconds(10));

            assertThat(health).isNotNull();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void ensuringTheBucketFailsInsteadOfReportingItCreated() throws IOException {
        try (S3AsyncClient s3 = clientForClosedPort()) {
            assertThatThrownBy(() -> new MediaBucket(s3, "chat-media").ensureExists().block(Duration.ofSeconds(10)))
                    .isInstanceOf(SdkClientException.class);
        }
    }
}
