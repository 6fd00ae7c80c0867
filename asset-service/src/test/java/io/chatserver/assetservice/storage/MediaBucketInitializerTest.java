package io.chatserver.assetservice.storage;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Startup when S3 is slow or refuses: the HTTP server here only plays a slow or refusing S3 for
 * the initializer's retry rule (the real S3Proxy is in MediaBucketIT).
 */
class MediaBucketInitializerTest {

    private static final Duration CALL_TIMEOUT = Duration.ofMillis(300);

    private HttpServer server;
    private S3AsyncClient s3;

    @AfterEach
    void stop() {
        if (s3 != null) {
            s3.close();
        }
        server.stop(0);
    }

    @Test
    void anS3ThatDoesNotAnswerYetIsAskedAgainUntilItDoes() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        start(exchange -> {
            if (requests.incrementAndGet() <= 2) {
                sleep(CALL_TIMEOUT.multipliedBy(3)); // longer than the client waits
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });

        new MediaBucketInitializer(new MediaBucket(s3, "media"), Duration.ofSeconds(20)).run(null);

        assertThat(requests.get()).as("two timed out, the third found the bucket").isGreaterThanOrEqualTo(3);
    }

    @Test
    void anS3ThatRefusesFailsStartupAtOnce() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        start(exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(403, -1);
            exchange.close();
        });

        assertThatThrownBy(() -> new MediaBucketInitializer(new MediaBucket(s3, "media"), Duration.ofSeconds(20)).run(null))
                .hasMessageContaining("403");
        // The SDK itself looks twice at a 403 to HeadBucket (region lookup); the initializer adds none.
        assertThat(requests.get()).as("no second try by the initializer").isLessThanOrEqualTo(2);
    }

    @Test
    void startupGivesUpAfterItsWait() throws Exception {
        start(exchange -> {
            sleep(CALL_TIMEOUT.multipliedBy(3));
            exchange.close();
        });
        long started = System.nanoTime();
        assertThatThrownBy(() -> new MediaBucketInitializer(new MediaBucket(s3, "media"), Duration.ofSeconds(2)).run(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("S3 did not answer within PT2S");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    private void start(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", handler);
        server.start();
        s3 = S3AsyncClient.builder().region(Region.US_EAST_1).forcePathStyle(true)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .overrideConfiguration(override -> override.apiCallTimeout(CALL_TIMEOUT))
                .build();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
