package io.chatserver.assetservice.asset;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import io.chatserver.assetservice.storage.MediaObjects;

import javax.sql.DataSource;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clean-up in relay mode (defaults: abandoned uploads after 24 h, a day after every recipient
 * fetched a file, 30 days after it was last sent), against S3Proxy and MariaDB. Its own database,
 * so that sweeping "a month from now" takes only what these tests made; the round runs when a test
 * calls it, with the time it passes.
 */
@RequiresLocalStack({LocalStack.S3PROXY, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:mysql://127.0.0.1:13306/chat_assets_lifecycle_it?createDatabaseIfNotExist=true",
        "chat.assets.lifecycle.sweep-interval=1h"})
@ActiveProfiles("test")
class AssetLifecycleIT extends SignedInUsers {


    @Autowired
    AssetSweeper sweeper;
    @Autowired
    DataSource dataSource;
    @Autowired
    MediaObjects objects;

    private AssetApi alice;
    private AssetApi bob;
    private AssetApi carol;

    @BeforeEach
    void users() {
        List<AssetApi> apis = signIn(3);
        alice = apis.get(0);
        bob = apis.get(1);
        carol = apis.get(2);
    }

    private static String uploaded(AssetApi uploader, String kind, byte[] png) {
        return uploaded(uploader, kind, "image/png", png);
    }

    private void sweepIn(Duration later) {
        sweeper.sweep(Instant.now().plus(later)).block(Duration.ofSeconds(60));
    }

    @Test
    void aFileGoesADayAfterEveryRecipientFetchedItNotBefore() {
        String asset = uploaded(alice, "IMAGE", SampleFiles.png(60, 20));
        assertThat(alice.grant(id(0), List.of(id(1), id(2)), asset, false).status()).isEqualTo(204);
        String url = bob.get(asset).ok().at("/download/url").asString();

        sweepIn(Duration.ofDays(2));
        carol.get(asset).ok(); // carol had not fetched it: kept
        sweepIn(Duration.ofHours(12));
        bob.get(asset).ok(); // all have, but within the day kept for their other devices

        sweepIn(Duration.ofDays(2));
        bob.get(asset).isProblem(404, 2203);
        carol.get(asset).isProblem(404, 2203);
        alice.get(asset).isProblem(404, 2203);
        assertThat(AssetApi.getFrom(url).status()).as("the object is deleted").isEqualTo(404);
        assertThat(rows("asset_grants", asset)).isZero();
    }

    @Test
    void sendingItAgainAfterEveryoneFetchedItKeepsItForTheNewRecipient() {
        String asset = uploaded(alice, "IMAGE", SampleFiles.png(61, 20));
        alice.grant(id(0), List.of(id(1)), asset, false);
        bob.get(asset).ok();
        assertThat(bob.grant(id(1), List.of(id(2)), asset, false).status()).as("bob forwards it").isEqualTo(204);

        sweepIn(Duration.ofDays(2));

        carol.get(asset).ok();
    }

    @Test
    void sendingItAgainToThoseWhoHaveItKeepsItFetchedByAll() {
        String asset = uploaded(alice, "IMAGE", SampleFiles.png(68, 20));
        alice.grant(id(0), List.of(id(1)), asset, false);
        bob.get(asset).ok();
        alice.grant(id(0), List.of(id(1)), asset, false); // the same photo to bob again

        sweepIn(Duration.ofDays(2));

        bob.get(asset).isProblem(404, 2203);
    }

    @Test
    void aFileNobodyFetchedGoes30DaysAfterItWasLastSent() {
        String sent = uploaded(alice, "IMAGE", SampleFiles.png(62, 20));
        alice.grant(id(0), List.of(id(1)), sent, false);
        String neverSent = uploaded(alice, "IMAGE", SampleFiles.png(63, 20));

        sweepIn(Duration.ofDays(29));
        bob.get(sent).ok();
        alice.get(neverSent).ok();

        sweepIn(Duration.ofDays(31));
        bob.get(sent).isProblem(404, 2203);
        alice.get(neverSent).isProblem(404, 2203);
        String again = alice.announce("IMAGE", "image/png", SampleFiles.png(63, 20)).ok().get("assetId").asString();
        assertThat(again).as("announced again: a new asset").isNotEqualTo(neverSent);
    }

    @Test
    void unfinishedUploadsGoAfterADayMultipartOnesAborted() {
        String direct = alice.announce("IMAGE", "image/png", SampleFiles.png(64, 20)).ok().get("assetId").asString();
        byte[] large = SampleFiles.mp4(10 * 1024 * 1024);
        String multipart = alice.announce("VIDEO", "video/mp4", large).ok().get("assetId").asString();

        sweepIn(Duration.ofHours(23));
        alice.get(direct).ok();
        alice.get(multipart).ok();

        sweepIn(Duration.ofHours(25));
        alice.get(direct).isProblem(404, 2203);
        alice.get(multipart).isProblem(404, 2203);
    }

    @Test
    void bytesArrivingWhileTheCleanUpTakesTheUnfinishedUploadLeaveNothing() throws Exception {
        byte[] png = SampleFiles.png(69, 20);
        String asset = alice.announce("IMAGE", "image/png", png).ok().get("assetId").asString();
        PipedOutputStream body = new PipedOutputStream();
        PipedInputStream source = new PipedInputStream(body, png.length);
        CompletableFuture<HttpResponse<String>> upload = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/assets/" + asset
                                + "/content")).header("Authorization", "Bearer " + users.get(0).accessToken())
                        .timeout(Duration.ofSeconds(30))
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> source),
                                png.length)).build(), HttpResponse.BodyHandlers.ofString());
        body.write(png, 0, png.length / 2);
        body.flush();
        Thread.sleep(500); // the service holds the first half

        sweepIn(Duration.ofHours(25)); // it has been unfinished for a day
        body.write(png, png.length / 2, png.length - png.length / 2);
        body.close();

        HttpResponse<String> answer = upload.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertThat(answer.body()).contains("2203");
        assertThat(objects.exists("assets/" + asset).block(Duration.ofSeconds(10))).as("no object left behind").isFalse();
        assertThat(rows("assets", asset)).isZero();
    }

    @Test
    void aProfilePhotoInUseStaysAndOneNeverPutInUseGoes() {
        String inUse = uploaded(alice, "AVATAR", SampleFiles.png(65, 20));
        alice.usePhoto(id(0), inUse).ok();
        String unused = uploaded(alice, "AVATAR", SampleFiles.png(66, 20));

        sweepIn(Duration.ofDays(365));

        bob.profilePhoto(inUse).ok();
        alice.get(unused).isProblem(404, 2203);
    }

    @Test
    void anAssetBeingDeletedIsNotSentFetchedOrAnnouncedAndTheNextRoundFinishesIt() {
        byte[] png = SampleFiles.png(67, 20);
        String asset = uploaded(alice, "IMAGE", png);
        alice.grant(id(0), List.of(id(1)), asset, false);
        String url = bob.get(asset).ok().at("/download/url").asString();
        // As a round that failed after marking it (S3 down) leaves it.
        jdbc().sql("UPDATE assets SET state = 'DELETING' WHERE id = ?").param(asset).update();

        alice.grant(id(0), List.of(id(2)), asset, false).isProblem(404, 2203);
        bob.get(asset).isProblem(404, 2203);
        alice.announce("IMAGE", "image/png", png).isProblem(503, 2206);
        assertThat(rows("asset_grants", asset)).as("nothing granted to carol").isEqualTo(1);

        sweepIn(Duration.ZERO);

        assertThat(rows("assets", asset)).isZero();
        assertThat(rows("asset_grants", asset)).isZero();
        assertThat(AssetApi.getFrom(url).status()).as("the object is deleted").isEqualTo(404);
        assertThat(alice.announce("IMAGE", "image/png", png).status()).isEqualTo(201);
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    private int rows(String table, String asset) {
        String column = table.equals("assets") ? "id" : "asset_id";
        return jdbc().sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?").param(asset)
                .query(Integer.class).single();
    }
}
