package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.report.RunResult;
import io.chatserver.loadtest.users.LoadUser;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code media}: one user uploads {@code --runs} videos of {@code --size} bytes (an MP4 header, then
 * random bytes, so no two are alike) the way an app does (announce, presigned parts straight to S3,
 * complete, which has the service read the file back and check it) and fetches each by its
 * presigned download URL; and, as the yardstick, the same bytes put to and got from S3 directly with
 * the SDK ({@code --kind=FILE} for sizes over a video's 16 MiB). Also {@code --small-size} photos through the service in one request. Reports MB/s (MiB)
 * per path, median over the runs, and the time the service's check adds on complete.
 */
public final class MediaTransfer implements Scenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Override
    public String name() {
        return "media";
    }

    @Override
    public RunResult run(Options options, Environment environment) {
        int size = options.integer("size", 16 * 1024 * 1024, 6 * 1024 * 1024, 100 * 1024 * 1024);
        int smallSize = options.integer("small-size", 1536 * 1024, 1024, 2 * 1024 * 1024);
        int runs = options.integer("runs", 5, 1, 50);
        String kind = options.text("kind", "VIDEO"); // FILE for sizes over the 16 MiB a video may have
        if (!kind.equals("VIDEO") && !kind.equals("FILE")) {
            throw new IllegalArgumentException("--kind must be VIDEO or FILE: " + kind);
        }
        URI assets = options.loopbackUris("asset-service", "http://127.0.0.1:8086").get(0);
        URI s3Endpoint = options.loopbackUris("s3", "http://127.0.0.1:18333").get(0);
        String bucket = options.text("bucket", "chat-media");
        String accessKey = options.text("s3-access-key", "chat-local");
        String secretKey = options.text("s3-secret-key", "chat-local-secret");
        Fleet fleet = Fleet.of(options, environment);
        options.requireAllUsed();
        String startedAt = Instant.now().toString();

        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("video size (MiB)", size / 1048576.0);
        numbers.put("photo size (MiB)", smallSize / 1048576.0);
        numbers.put("runs", runs);
        LoadUser user = fleet.register(1, "uploader", numbers).get(0);
        List<String> failures = new ArrayList<>();
        List<Double> upload = new ArrayList<>();
        List<Double> check = new ArrayList<>();
        List<Double> download = new ArrayList<>();
        List<Double> photoUpload = new ArrayList<>();
        List<Double> directPut = new ArrayList<>();
        List<Double> directGet = new ArrayList<>();
        try (S3AsyncClient s3 = S3AsyncClient.builder().region(Region.US_EAST_1).endpointOverride(s3Endpoint)
                .forcePathStyle(true).httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build()) {
            for (int run = 0; run < runs; run++) {
                byte[] video = file(ftypHeader(), size);
                String sha = sha256(video);
                long t0 = System.nanoTime();
                JsonNode announced = call(assets, "POST", "/v1/assets", user, json(kind, "video/mp4", video.length, sha));
                int partSize = announced.at("/upload/partSize").asInt();
                for (JsonNode part : announced.at("/upload/parts")) {
                    int from = (part.get("partNumber").asInt() - 1) * partSize;
                    send(HttpRequest.newBuilder(URI.create(part.get("url").asString())).PUT(HttpRequest.BodyPublishers
                            .ofByteArray(video, from, Math.min(partSize, video.length - from))), 200);
                }
                long t1 = System.nanoTime();
                JsonNode ready = call(assets, "POST", "/v1/assets/" + announced.get("assetId").asString() + "/complete", user, null);
                long t2 = System.nanoTime();
                byte[] fetched = send(HttpRequest.newBuilder(URI.create(ready.at("/download/url").asString())).GET(), 200);
                long t3 = System.nanoTime();
                if (!sha256(fetched).equals(sha)) {
                    failures.add("run " + run + ": the downloaded video differs from the uploaded one");
                }
                upload.add(mibPerSecond(size, t2 - t0));
                check.add((t2 - t1) / 1e9);
                download.add(mibPerSecond(size, t3 - t2));

                byte[] photo = file(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, smallSize);
                long p0 = System.nanoTime();
                JsonNode photoAsset = call(assets, "POST", "/v1/assets", user, json("IMAGE", "image/jpeg", photo.length, sha256(photo)));
                call(assets, "PUT", photoAsset.at("/upload/url").asString(), user, photo);
                photoUpload.add(mibPerSecond(smallSize, System.nanoTime() - p0));

                String key = "bench/" + UUID.randomUUID();
                long d0 = System.nanoTime();
                s3.putObject(request -> request.bucket(bucket).key(key), AsyncRequestBody.fromBytes(video)).join();
                long d1 = System.nanoTime();
                byte[] direct = s3.getObject(request -> request.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
                        .join().asByteArray();
                long d2 = System.nanoTime();
                s3.deleteObject(request -> request.bucket(bucket).key(key)).join();
                if (!Arrays.equals(direct, video)) {
                    failures.add("run " + run + ": the direct S3 round trip changed the file");
                }
                directPut.add(mibPerSecond(size, d1 - d0));
                directGet.add(mibPerSecond(size, d2 - d1));
                environment.log("run %d: up %.1f MiB/s (check %.2f s), down %.1f MiB/s; direct S3 up %.1f, down %.1f",
                        run + 1, upload.get(run), check.get(run), download.get(run), directPut.get(run), directGet.get(run));
            }
        } catch (RuntimeException e) {
            failures.add("the run stopped: " + e);
        }
        numbers.put("video up through asset-service, announce to READY (MiB/s, median)", median(upload));
        numbers.put("of which the service's check on complete (s, median)", median(check));
        numbers.put("video down by presigned URL (MiB/s, median)", median(download));
        numbers.put("video up straight to S3, PutObject (MiB/s, median)", median(directPut));
        numbers.put("video down straight from S3, GetObject (MiB/s, median)", median(directGet));
        numbers.put("photo up through asset-service in one request, announce to READY (MiB/s, median)", median(photoUpload));
        return new RunResult(name(), startedAt, environment.machine(), options.used(), numbers, Map.of(), null,
                List.of(), failures);
    }

    private static byte[] ftypHeader() {
        ByteBuffer header = ByteBuffer.allocate(32);
        header.putInt(24).put("ftypmp42".getBytes()).putInt(0x200).put("mp42mp41".getBytes()).putInt(8).put("mdat".getBytes());
        return header.array();
    }

    private static byte[] file(byte[] header, int size) {
        byte[] file = new byte[size];
        ThreadLocalRandom.current().nextBytes(file);
        System.arraycopy(header, 0, file, 0, header.length);
        return file;
    }

    private static String json(String kind, String type, long size, String sha) {
        return "{\"kind\":\"" + kind + "\",\"contentType\":\"" + type + "\",\"size\":" + size + ",\"sha256\":\"" + sha + "\"}";
    }

    private static JsonNode call(URI base, String method, String path, LoadUser user, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofString((String) body);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, publisher)
                .header("Authorization", "Bearer " + user.accessToken());
        if (body instanceof String) {
            request.header("Content-Type", "application/json");
        }
        return JSON.readTree(send(request, method.equals("POST") && path.equals("/v1/assets") ? 201 : 200));
    }

    private static byte[] send(HttpRequest.Builder request, int expected) {
        HttpRequest built = request.timeout(TIMEOUT).build();
        try {
            HttpResponse<byte[]> response = HTTP.send(built, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " answered "
                        + response.statusCode() + ": " + new String(response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
