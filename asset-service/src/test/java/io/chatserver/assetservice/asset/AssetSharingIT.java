package io.chatserver.assetservice.asset;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may fetch an asset besides its uploader: the recipients of a message that carried it (granted
 * by message-service through the internal API before the message is stored), with forwards, view
 * once and every refusal, against the real S3Proxy, MariaDB and user-service tokens.
 */
@RequiresLocalStack({LocalStack.S3PROXY, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AssetSharingIT extends SignedInUsers {



    private List<AssetApi> apis;
    private AssetApi alice;
    private AssetApi bob;
    private AssetApi carol;

    @BeforeEach
    void users() {
        apis = signIn(4);
        alice = apis.get(0);
        bob = apis.get(1);
        carol = apis.get(2);
    }

    private static String uploaded(AssetApi uploader, byte[] png) {
        return uploaded(uploader, "IMAGE", "image/png", png);
    }

    @Test
    void aRecipientFetchesWhatWasSentToThemAndNobodyElseDoes() {
        byte[] png = SampleFiles.png(30, 20);
        String asset = uploaded(alice, png);
        carol.get(asset).isProblem(404, 2203);

        assertThat(alice.grant(id(0), List.of(id(1)), asset, false).status()).isEqualTo(204);

        JsonNode seen = bob.get(asset).ok();
        assertThat(seen.get("state").asString()).isEqualTo("READY");
        assertThat(seen.has("upload")).isFalse();
        assertThat(AssetApi.getFrom(seen.at("/download/url").asString()).bytes()).isEqualTo(png);
        carol.get(asset).isProblem(404, 2203);
        bob.putContent(asset, png).isProblem(404, 2203);
        bob.complete(asset).isProblem(404, 2203);
        assertThat(alice.grant(id(0), List.of(id(1)), asset, false).status()).as("granted again: nothing changes")
                .isEqualTo(204);
    }

    @Test
    void aForwardNeedsTheForwarderToHoldTheAsset() {
        String asset = uploaded(alice, SampleFiles.png(31, 20));
        alice.grant(id(0), List.of(id(1)), asset, false);

        assertThat(bob.grant(id(1), List.of(id(2)), asset, false).status()).as("bob forwards to carol").isEqualTo(204);
        assertThat(carol.get(asset).status()).isEqualTo(200);

        AssetApi dave = apis.get(3);
        dave.grant(id(3), List.of(UUID.randomUUID().toString()), asset, false)
                .isProblem(404, 2203); // dave never got it: a guessed id is nothing to forward
        dave.get(asset).isProblem(404, 2203);
    }

    @Test
    void anUploadNotCheckedYetOrOneBadAssetGrantsNothing() {
        byte[] png = SampleFiles.png(32, 20);
        String pending = alice.announce("IMAGE", "image/png", png).ok().get("assetId").asString();
        alice.grant(id(0), List.of(id(1)), pending, false).isProblem(409, 2207);
        bob.get(pending).isProblem(404, 2203);

        String good = uploaded(alice, SampleFiles.png(33, 20));
        String unknown = UUID.randomUUID().toString();
        alice.grant("{\"senderUserId\":\"" + id(0) + "\",\"recipientUserIds\":[\"" + id(1) + "\"],\"assets\":["
                + "{\"assetId\":\"" + good + "\"},{\"assetId\":\"" + unknown + "\"}]}").isProblem(404, 2203);
        bob.get(good).isProblem(404, 2203);
        String carolsOwn = uploaded(carol, SampleFiles.png(34, 20));
        alice.grant(id(0), List.of(id(1)), carolsOwn, false).isProblem(404, 2203); // not alice's to send
    }

    @Test
    void badGrantRequestsAreRefused() {
        String asset = uploaded(alice, SampleFiles.png(35, 20));
        alice.grant("{\"recipientUserIds\":[],\"assets\":[{\"assetId\":\"" + asset + "\"}]}").isProblem(400, 1002);
        alice.grant("{\"senderUserId\":\"" + id(0) + "\",\"recipientUserIds\":[],\"assets\":[]}").isProblem(400, 1002);
        alice.grant("{\"senderUserId\":\"not-a-uuid\",\"recipientUserIds\":[],\"assets\":[]}").isProblem(400, 1001);
        alice.grant("{\"senderUserId\": ").isProblem(400, 1001);
        bob.get(asset).isProblem(404, 2203);
    }

    @Test
    void aViewOnceFileIsFetchedOncePerRecipientDevice() {
        byte[] png = SampleFiles.png(36, 20);
        String asset = uploaded(alice, png);
        alice.grant(id(0), List.of(id(1), id(2)), asset, true);

        JsonNode first = bob.get(asset).ok();
        assertThat(AssetApi.getFrom(first.at("/download/url").asString()).bytes()).isEqualTo(png);
        assertThat(Duration.between(Instant.now(), Instant.parse(first.at("/download/expiresAt").asString())))
                .as("a short-lived URL").isLessThanOrEqualTo(Duration.ofSeconds(60));

        bob.get(asset).isProblem(410, 2208);
        bob.grant(id(1), List.of(id(3)), asset, false).isProblem(403, 1206); // one look is not a copy to forward
        assertThat(carol.get(asset).status()).as("each recipient once").isEqualTo(200);
        carol.get(asset).isProblem(410, 2208);
        assertThat(alice.get(asset).ok().has("download")).as("the sender keeps it").isTrue();
        alice.grant(id(0), List.of(id(2)), asset, false);
        assertThat(carol.get(asset).status()).as("sent again without view once").isEqualTo(200);
    }
}
