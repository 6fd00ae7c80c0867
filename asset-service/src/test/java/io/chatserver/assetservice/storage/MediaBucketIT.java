package io.chatserver.assetservice.storage;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Bucket;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The media bucket on the real S3Proxy, which checks signatures for real. */
@RequiresLocalStack({LocalStack.S3PROXY, LocalStack.REDIS})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class MediaBucketIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient ANONYMOUS = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @Autowired
    S3AsyncClient s3;
    @Autowired
    S3Properties properties;

    private final List<String> throwaway = new ArrayList<>();

    @AfterEach
    void deleteThrowawayBuckets() {
        for (String bucket : throwaway) {
            s3.listObjectsV2(request -> request.bucket(bucket)).join().contents()
                    .forEach(object -> s3.deleteObject(request -> request.bucket(bucket).key(object.key())).join());
            s3.deleteBucket(request -> request.bucket(bucket)).join();
        }
    }

    @Test
    void theMediaBucketExistsAfterStartup() {
        List<String> buckets = s3.listBuckets().join().buckets().stream().map(Bucket::name).toList();

        assertThat(buckets).contains("chat-media");
        assertThat(new MediaBucket(s3, "chat-media").ensureExists().block(WAIT)).isFalse();
    }

    @Test
    void anonymousOrWronglySignedReadsAreRefused() throws Exception {
        // S3Proxy answers 404 for a key that does not exist even to anonymous callers, so the
        // object must exist for the refusal to be about access.
        s3.putObject(request -> request.bucket("chat-media").key("x"), AsyncRequestBody.fromString("private")).join();
        try {
            assertThat(s3.getObject(request -> request.bucket("chat-media").key("x"),
                    AsyncResponseTransformer.toBytes()).join().asUtf8String()).isEqualTo("private");

            HttpResponse<String> anonymous = anonymousGet("chat-media", "x");
            assertThat(anonymous.statusCode()).isEqualTo(403);
            assertThat(anonymous.body()).doesNotContain("private");

            HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("chat-media", "x"))
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=chat-local/20260101/us-east-1/s3/aws4_request,"
                            + " SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))
                    .header("x-amz-date", "20260101T000000Z"));
            assertThat(forged.statusCode()).isEqualTo(403);
        } finally {
            s3.deleteObject(request -> request.bucket("chat-media").key("x")).join();
        }
    }

    @Test
    void aMissingBucketIsCreatedOnceAndPrivate() throws Exception {
        String name = "chat-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        throwaway.add(name);
        MediaBucket bucket = new MediaBucket(s3, name);

        assertThat(bucket.ensureExists().block(WAIT)).isTrue();
        assertThat(bucket.ensureExists().block(WAIT)).isFalse();
        bucket.check().block(WAIT);

        s3.putObject(request -> request.bucket(name).key("secret.txt"), AsyncRequestBody.fromString("hidden")).join();
        HttpResponse<String> response = anonymousGet(name, "secret.txt");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("hidden");
    }

    private HttpResponse<String> anonymousGet(String bucket, String key) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(bucket, key)));
    }

    private URI uri(String bucket, String key) {
        return URI.create(properties.endpoint() + "/" + bucket + "/" + key);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return ANONYMOUS.send(request.timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
