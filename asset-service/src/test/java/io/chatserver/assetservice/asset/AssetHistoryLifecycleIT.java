package io.chatserver.assetservice.asset;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The clean-up in history mode: what was sent stays with its messages, even a note to oneself (no
 * grant at all); only what was never sent goes. Its own database, as AssetLifecycleIT's.
 */
@RequiresLocalStack({LocalStack.S3PROXY, LocalStack.REDIS, LocalStack.MARIADB})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:mysql://127.0.0.1:13306/chat_assets_history_it?createDatabaseIfNotExist=true",
        "chat.assets.lifecycle.retention=HISTORY",
        "chat.assets.lifecycle.sweep-interval=1h"})
@ActiveProfiles("test")
class AssetHistoryLifecycleIT extends SignedInUsers {

    @Autowired
    AssetSweeper sweeper;

    private AssetApi alice;
    private AssetApi bob;

    @BeforeEach
    void users() {
        List<AssetApi> apis = signIn(2);
        alice = apis.get(0);
        bob = apis.get(1);
    }

    @Test
    void whatWasSentStaysAndWhatNeverWasGoesAfter30Days() {
        String toBob = uploaded(alice, "IMAGE", "image/png", SampleFiles.png(70, 20));
        alice.grant(id(0), List.of(id(1)), toBob, false);
        bob.get(toBob).ok();
        String toSelf = uploaded(alice, "IMAGE", "image/png", SampleFiles.png(71, 20));
        alice.grant(id(0), List.of(id(0)), toSelf, false); // a note to oneself: nobody to grant
        String neverSent = uploaded(alice, "IMAGE", "image/png", SampleFiles.png(72, 20));
        String unfinished = alice.announce("IMAGE", "image/png", SampleFiles.png(73, 20)).ok().get("assetId").asString();

        sweeper.sweep(Instant.now().plus(Duration.ofDays(400))).block(Duration.ofSeconds(60));

        bob.get(toBob).ok();
        alice.get(toSelf).ok();
        alice.get(neverSent).isProblem(404, 2203);
        alice.get(unfinished).isProblem(404, 2203);
    }
}
