package io.chatserver.assetservice.asset;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import javax.sql.DataSource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Profile photos (R34) against S3Proxy and MariaDB, with user-service's internal calls made by hand. */
@RequiresLocalStack({LocalStack.S3PROXY, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProfilePhotoIT extends SignedInUsers {


    @Autowired
    DataSource dataSource;

    private AssetApi alice;
    private AssetApi bob;

    @BeforeEach
    void users() {
        List<AssetApi> apis = signIn(2);
        alice = apis.get(0);
        bob = apis.get(1);
    }

    @Test
    void aPhotoInUseIsServedToAnybodySignedInInTwoSizesAndTheOriginalToItsOwnerOnly() throws IOException {
        byte[] original = SampleFiles.jpeg(1600, 1200);
        String asset = uploaded(alice, "AVATAR", "image/jpeg", original);
        bob.profilePhoto(asset).isProblem(404, 2203); // uploaded, not in use yet

        JsonNode used = alice.usePhoto(id(0), asset).ok();
        assertThat(used.get("width").asInt()).isEqualTo(1600);
        assertThat(used.get("height").asInt()).isEqualTo(1200);
        assertThat(alice.usePhoto(id(0), asset).ok().get("assetId").asString())
                .as("again: the same, nothing made twice").isEqualTo(asset);

        JsonNode seen = bob.profilePhoto(asset).ok();
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(AssetApi.getFrom(seen.at("/photo/url").asString()).bytes()));
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(
                AssetApi.getFrom(seen.at("/thumbnail/url").asString()).bytes()));
        assertThat(photo.getWidth()).isEqualTo(640);
        assertThat(photo.getHeight()).isEqualTo(480);
        assertThat(thumbnail.getWidth()).isEqualTo(160);
        assertThat(thumbnail.getHeight()).isEqualTo(120);
        bob.get(asset).isProblem(404, 2203); // the original, with whatever metadata it has, stays the owner's
        alice.as(null).profilePhoto(asset).isProblem(401, 1201); // signed-in users only
    }

    @Test
    void onlyTheOwnersCheckedAvatarUploadCanBecomeTheirPhoto() {
        String image = uploaded(alice, "IMAGE", "image/png", SampleFiles.png(40, 40));
        String bobs = uploaded(bob, "AVATAR", "image/png", SampleFiles.png(41, 40));
        byte[] pending = SampleFiles.png(42, 40);
        String notUploaded = alice.announce("AVATAR", "image/png", pending).ok().get("assetId").asString();

        alice.usePhoto(id(0), image).isProblem(415, 2202);
        alice.usePhoto(id(0), bobs).isProblem(404, 2203);
        alice.usePhoto(id(0), UUID.randomUUID().toString()).isProblem(404, 2203);
        alice.usePhoto(id(0), notUploaded).isProblem(409, 2207);
        alice.usePhoto(id(0), "junk").isProblem(400, 1001); // no UUID: the body does not parse

        assertThat(photoRows(image, bobs, notUploaded)).isZero();
        alice.announce("AVATAR", "image/gif", SampleFiles.gif(10, 10)).isProblem(415, 2202); // not decoded here
    }

    @Test
    void aPictureClaimingTooManyPixelsIsRefusedAndNothingOfItKept() {
        byte[] bomb = SampleFiles.pngClaiming(30_000, 30_000);
        String asset = uploaded(alice, "AVATAR", "image/png", bomb); // the type is right: it is a PNG header

        alice.usePhoto(id(0), asset).isProblem(422, 2209);

        alice.get(asset).isProblem(404, 2203);
        assertThat(photoRows(asset)).isZero();
    }

    @Test
    void aReleasedPhotoIsGoneWithItsSizesAndOnlyItsOwnerCanReleaseIt() {
        String asset = uploaded(alice, "AVATAR", "image/png", SampleFiles.png(300, 200));
        JsonNode used = alice.usePhoto(id(0), asset).ok();
        String thumbnailUrl = used.at("/thumbnail/url").asString();

        assertThat(bob.releasePhoto(id(1), asset).status()).as("not bob's: nothing happens").isEqualTo(204);
        bob.profilePhoto(asset).ok();

        assertThat(alice.releasePhoto(id(0), asset).status()).isEqualTo(204);
        bob.profilePhoto(asset).isProblem(404, 2203);
        alice.get(asset).isProblem(404, 2203);
        assertThat(AssetApi.getFrom(thumbnailUrl).status()).as("the object is deleted").isEqualTo(404);
        assertThat(alice.releasePhoto(id(0), asset).status()).as("again").isEqualTo(204);
    }

    @Test
    void puttingAnotherPhotoInUseDeletesTheOneItReplaces() {
        String first = uploaded(alice, "AVATAR", "image/png", SampleFiles.png(310, 200));
        String url = alice.usePhoto(id(0), first).ok().at("/photo/url").asString();
        String second = uploaded(alice, "AVATAR", "image/png", SampleFiles.png(311, 200));

        alice.usePhoto(id(0), second).ok();

        bob.profilePhoto(first).isProblem(404, 2203);
        alice.get(first).isProblem(404, 2203);
        assertThat(AssetApi.getFrom(url).status()).isEqualTo(404);
        bob.profilePhoto(second).ok();
        alice.usePhoto(id(0), first).isProblem(404, 2203); // switching back to a deleted one
    }

    @Test
    void aProfilePhotoIsNotSentInMessages() {
        String asset = uploaded(alice, "AVATAR", "image/png", SampleFiles.png(50, 50));

        alice.grant(id(0), List.of(id(1)), asset, false).isProblem(415, 2202);
        bob.get(asset).isProblem(404, 2203);
    }

    private int photoRows(String... assets) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return jdbc.sql("SELECT COUNT(*) FROM profile_photos WHERE asset_id IN (:ids)")
                .param("ids", List.of(assets)).query(Integer.class).single();
    }
}
