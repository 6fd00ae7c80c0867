package io.chatserver.assetservice.asset;

import io.chatserver.assetservice.storage.MediaObjects;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.databind.JsonNode;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Uploads against the real S3Proxy (which checks signatures, presigned ones included), MariaDB and a
 * real user-service's tokens: small files through the service, large ones in presigned parts with a
 * resume after a dropped connection, the check of size, hash and type from the bytes, the limits, and
 * what each refusal leaves behind (nothing).
 */
@RequiresLocalStack({LocalStack.S3PROXY, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AssetUploadIT extends SignedInUsers {

    private static final int MIB = 1024 * 1024;


    @Autowired
    S3AsyncClient s3;
    @Autowired
    MediaObjects objects;
    @Autowired
    JdbcClient jdbc;

    private AssetApi alice;
    private AssetApi bob;

    @BeforeEach
    void users() {
        List<AssetApi> apis = signIn(2);
        alice = apis.get(0);
        bob = apis.get(1);
    }

    @Test
    void aSmallImageGoesThroughTheServiceIsCheckedAndIsFetchedFromAPrivatePresignedUrl() {
        byte[] png = SampleFiles.png(64, 48);
        JsonNode announced = alice.announce("IMAGE", "image/png", png).ok();
        String id = announced.get("assetId").asString();
        assertThat(announced.get("state").asString()).isEqualTo("UPLOADING");
        assertThat(announced.at("/upload/url").asString()).isEqualTo("/v1/assets/" + id + "/content");
        assertThat(alice.get(id).ok().has("download")).as("nothing to fetch before the bytes are checked").isFalse();

        JsonNode ready = alice.putContent(id, png).ok();

        assertThat(ready.get("state").asString()).isEqualTo("READY");
        assertThat(ready.get("contentType").asString()).isEqualTo("image/png");
        AssetApi.Reply fetched = AssetApi.getFrom(ready.at("/download/url").asString());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.bytes()).isEqualTo(png);
        assertThat(fetched.response().headers().firstValue("Content-Type")).hasValue("image/png");
        String unsigned = ready.at("/download/url").asString().replaceAll("\\?.*", "");
        assertThat(AssetApi.getFrom(unsigned).status()).as("the bucket is private").isEqualTo(403);
        assertThat(alice.putContent(id, png).ok().get("state").asString()).as("uploading again changes nothing")
                .isEqualTo("READY");
    }

    @Test
    void theSameFileAnnouncedTwiceByTheSameUploaderIsOneAsset() {
        byte[] jpeg = SampleFiles.jpeg(32, 32);
        String id = alice.announce("IMAGE", "image/jpeg", jpeg).ok().get("assetId").asString();
        alice.putContent(id, jpeg).ok();

        AssetApi.Reply again = alice.announce("IMAGE", "image/jpeg", jpeg);

        assertThat(again.status()).as("200, not 201: nothing new").isEqualTo(200);
        assertThat(again.json().get("assetId").asString()).isEqualTo(id);
        assertThat(again.json().get("state").asString()).isEqualTo("READY");
        assertThat(bob.announce("IMAGE", "image/jpeg", jpeg).status()).as("another uploader's is their own").isEqualTo(201);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assets WHERE sha256 = ? AND owner_user_id IN (?, ?)")
                .params(AssetApi.sha256(jpeg), users.get(0).userId(), users.get(1).userId())
                .query(Long.class).single()).as("one row per uploader").isEqualTo(2);
    }

    @Test
    void aFileWhoseDeclaredTypeLiesIsRefusedFromItsBytesAndNothingIsKept() {
        byte[] program = SampleFiles.exe(300_000);
        String id = alice.announce("VIDEO", "video/mp4", program).ok().get("assetId").asString();

        alice.putContent(id, program).isProblem(415, 2202);

        alice.get(id).isProblem(404, 2203);
        assertThat(rows(id)).isZero();
        assertThat(exists("assets/" + id)).isFalse();
        byte[] picture = SampleFiles.png(16, 16);
        String avatar = alice.announce("AVATAR", "image/png", picture).ok().get("assetId").asString();
        assertThat(alice.putContent(avatar, SampleFiles.gif(16, 16)).status())
                .as("another file than announced: its size or hash differ first").isEqualTo(422);
    }

    @Test
    void limitsAndTypesAreCheckedBeforeAnyByteIsSent() {
        alice.announce(json("VIDEO", "video/mp4", 16L * MIB + 1)).isProblem(413, 2201);
        alice.announce(json("FILE", "application/zip", 100L * MIB + 1)).isProblem(413, 2201);
        alice.announce(json("AVATAR", "image/png", 5L * MIB + 1)).isProblem(413, 2201);
        alice.announce(json("VIDEO", "application/x-msdownload", 1000)).isProblem(415, 2202);
        alice.announce(json("AVATAR", "image/gif", 1000)).isProblem(415, 2202);
        assertThat(alice.announce(json("VIDEO", "video/mp4", 16L * MIB)).status()).as("at the limit").isEqualTo(201);
        assertThat(alice.announce(json("FILE", "application/zip", 100L * MIB)).status()).isEqualTo(201);
    }

    @Test
    void badRequestsGetTheirNumberedProblemAndChangeNothing() {
        long before = allRows();
        String sha = "a".repeat(64);
        alice.announce("{\"kind\":\"IMAGE\",\"contentType\":\"image/png\",\"size\":10}").isProblem(400, 1002);
        alice.announce("{\"kind\":\"IMAGE\",\"contentType\":\"image/png\",\"size\":0,\"sha256\":\"" + sha + "\"}").isProblem(400, 1002);
        alice.announce("{\"kind\":\"IMAGE\",\"contentType\":\"image/png\",\"size\":-5,\"sha256\":\"" + sha + "\"}").isProblem(400, 1002);
        alice.announce("{\"kind\":\"IMAGE\",\"contentType\":\"image/png\",\"size\":10,\"sha256\":\"XYZ\"}").isProblem(400, 1002);
        alice.announce("{\"kind\":\"IMAGE\",\"contentType\":\"png\",\"size\":10,\"sha256\":\"" + sha + "\"}").isProblem(400, 1002);
        alice.announce("{\"kind\":\"SPREADSHEET\",\"contentType\":\"image/png\",\"size\":10,\"sha256\":\"" + sha + "\"}")
                .isProblem(400, 1001);
        alice.announce("{\"kind\": ").isProblem(400, 1001);
        alice.get("not-an-id").isProblem(400, 1002);
        alice.get("8a4c3a5e-0000-4000-8000-000000000000").isProblem(404, 2203);
        alice.as(null).announce(json("IMAGE", "image/png", 10)).isProblem(401, 1201);
        alice.as("not-a-token").get("8a4c3a5e-0000-4000-8000-000000000000").isProblem(401, 1202);
        assertThat(allRows()).isEqualTo(before);
    }

    @Test
    void bytesThatAreNotWhatWasAnnouncedAreRefusedAndTheUploadCanBeMadeAgain() {
        byte[] png = SampleFiles.png(40, 40);
        String id = alice.announce("IMAGE", "image/png", png).ok().get("assetId").asString();

        alice.putContent(id, SampleFiles.corrupted(png)).isProblem(422, 2205);
        alice.putContent(id, Arrays.copyOf(png, png.length + 1)).isProblem(422, 2205);
        alice.putContent(id, Arrays.copyOf(png, png.length - 1)).isProblem(422, 2205);
        assertThat(exists("assets/" + id)).as("nothing written for a refused upload").isFalse();

        assertThat(alice.putContent(id, png).ok().get("state").asString()).isEqualTo("READY");
    }

    @Test
    void nobodyButTheUploaderSeesOrCompletesAnUpload() {
        byte[] png = SampleFiles.png(20, 20);
        String id = alice.announce("IMAGE", "image/png", png).ok().get("assetId").asString();

        bob.get(id).isProblem(404, 2203);
        bob.putContent(id, png).isProblem(404, 2203);
        bob.complete(id).isProblem(404, 2203);
        assertThat(alice.get(id).ok().get("state").asString()).isEqualTo("UPLOADING");
    }

    @Test
    void aLargeVideoGoesToS3InPresignedPartsAndResumesAfterADroppedConnection() throws Exception {
        byte[] video = SampleFiles.mp4(12 * MIB + 12_345);
        JsonNode announced = alice.announce("VIDEO", "video/mp4", video).ok();
        String id = announced.get("assetId").asString();
        JsonNode parts = announced.at("/upload/parts");
        assertThat(parts).hasSize(2);
        int partSize = announced.at("/upload/partSize").asInt();
        assertThat(partSize).isEqualTo(8 * MIB);

        assertThat(AssetApi.putTo(parts.get(0).get("url").asString(), Arrays.copyOfRange(video, 0, partSize)).status())
                .isEqualTo(200);
        dropMidway(parts.get(1).get("url").asString(), video.length - partSize);
        alice.complete(id).isProblem(409, 2204);

        JsonNode resumed = alice.get(id).ok();
        assertThat(resumed.at("/upload/uploadedParts").valueStream().map(JsonNode::asInt)).containsExactly(1);
        assertThat(resumed.at("/upload/parts")).singleElement()
                .satisfies(part -> assertThat(part.get("partNumber").asInt()).isEqualTo(2));
        assertThat(AssetApi.putTo(resumed.at("/upload/parts/0/url").asString(),
                Arrays.copyOfRange(video, partSize, video.length)).status()).isEqualTo(200);

        JsonNode ready = alice.complete(id).ok();

        assertThat(ready.get("state").asString()).isEqualTo("READY");
        assertThat(ready.get("contentType").asString()).isEqualTo("video/mp4");
        assertThat(AssetApi.sha256(AssetApi.getFrom(ready.at("/download/url").asString()).bytes()))
                .isEqualTo(AssetApi.sha256(video));
        assertThat(alice.complete(id).ok().get("state").asString()).as("completing again").isEqualTo("READY");
    }

    @Test
    void assembledPartsThatAreNotTheAnnouncedFileAreRefusedAndNothingIsKept() {
        byte[] video = SampleFiles.mp4(9 * MIB);
        String id = inParts("VIDEO", video, SampleFiles.corrupted(video));

        alice.complete(id).isProblem(422, 2205);

        alice.get(id).isProblem(404, 2203);
        assertThat(exists("assets/" + id)).isFalse();
    }

    @Test
    void assembledPartsOfARefusedTypeAreRefusedAndNothingIsKept() {
        byte[] program = SampleFiles.exe(9 * MIB);
        String id = inParts("VIDEO", program, program);

        alice.complete(id).isProblem(415, 2202);

        alice.get(id).isProblem(404, 2203);
        assertThat(rows(id)).isZero();
        assertThat(exists("assets/" + id)).isFalse();
    }

    @Test
    void aCompleteCutShortAfterS3AssembledTheFileIsCheckedByTheNextCall() {
        byte[] video = SampleFiles.mp4(10 * MIB);
        String id = inParts("VIDEO", video, video);
        // What a complete that died between S3's CompleteMultipartUpload and the check leaves behind.
        String uploadId = jdbc.sql("SELECT upload_id FROM assets WHERE id = ?").param(id).query(String.class).single();
        objects.parts("assets/" + id, uploadId).flatMap(parts -> objects.completeMultipart("assets/" + id, uploadId, parts))
                .block(Duration.ofSeconds(30));

        assertThat(alice.get(id).ok().get("state").asString()).as("GET checks it too").isEqualTo("READY");
        assertThat(alice.complete(id).ok().get("state").asString()).isEqualTo("READY");

        // An upload S3 aborted is gone too on AWS (NoSuchUpload: the asset goes, announce again), but
        // S3Proxy lists an aborted upload's parts as empty instead, so that path is not tried here.
    }

    @Test
    void aTamperedOrExpiredPresignedUrlIsRefusedByS3() throws InterruptedException {
        byte[] png = SampleFiles.png(24, 24);
        String id = alice.announce("IMAGE", "image/png", png).ok().get("assetId").asString();
        String url = alice.putContent(id, png).ok().at("/download/url").asString();
        String otherId = bob.announce("IMAGE", "image/png", SampleFiles.png(25, 25)).ok().get("assetId").asString();

        String signature = url.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        assertThat(AssetApi.getFrom(url.replace(signature, flipped)).status()).isEqualTo(403);
        assertThat(AssetApi.getFrom(url.replace(id, otherId)).status()).as("another object, same signature").isEqualTo(403);
        assertThat(AssetApi.getFrom(url.replaceFirst("X-Amz-Expires=\\d+", "X-Amz-Expires=604800")).status())
                .as("a longer life than signed").isEqualTo(403);
        String shortLived = objects.presignDownload("assets/" + id, "image/png", Duration.ofSeconds(1)).toString();
        assertThat(AssetApi.getFrom(shortLived).status()).isEqualTo(200);
        Thread.sleep(2_100);
        assertThat(AssetApi.getFrom(shortLived).status()).as("expired").isEqualTo(403);
    }

    /** Announces {@code announced} as video/mp4 and sends {@code sent} to every part URL; the asset id. */
    private String inParts(String kind, byte[] announced, byte[] sent) {
        JsonNode asset = alice.announce(kind, "video/mp4", announced).ok();
        int partSize = asset.at("/upload/partSize").asInt();
        for (JsonNode part : asset.at("/upload/parts")) {
            int from = (part.get("partNumber").asInt() - 1) * partSize;
            assertThat(AssetApi.putTo(part.get("url").asString(),
                    Arrays.copyOfRange(sent, from, Math.min(sent.length, from + partSize))).status()).isEqualTo(200);
        }
        return asset.get("assetId").asString();
    }

    /** Sends the head of a part's body and drops the connection, as a phone losing its network does. */
    private static void dropMidway(String url, int length) throws Exception {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[length / 3]);
            out.flush();
        }
    }

    private static String json(String kind, String type, long size) {
        return "{\"kind\":\"" + kind + "\",\"contentType\":\"" + type + "\",\"size\":" + size + ",\"sha256\":\""
                + "b".repeat(64) + "\"}";
    }

    private long rows(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM assets WHERE id = ?").param(id).query(Long.class).single();
    }

    private long allRows() {
        return jdbc.sql("SELECT COUNT(*) FROM assets").query(Long.class).single();
    }

    private boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket("chat-media").key(key)).join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof NoSuchKeyException
                    || e.getCause() instanceof software.amazon.awssdk.services.s3.model.S3Exception s3e && s3e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
