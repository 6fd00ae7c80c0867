package io.chatserver.assetservice.asset;

import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.SharedUserService;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

/** For asset-service's ITs: tokens from the shared real user-service, and each user's API client. */
abstract class SignedInUsers {

    @DynamicPropertySource
    static void userService(DynamicPropertyRegistry registry) {
        registry.add("chat.security.jwks-uri",
                () -> SharedUserService.get().baseUri().resolve("/.well-known/jwks.json").toString());
    }

    @LocalServerPort
    int port;

    List<Accounts.Seeded> users;

    /** {@code count} new users, and an API client signed in as each. */
    List<AssetApi> signIn(int count) {
        users = new Accounts(SharedUserService.get().baseUri()).seed(count);
        return users.stream().map(user -> new AssetApi(port, user.accessToken())).toList();
    }

    String id(int user) {
        return users.get(user).userId();
    }

    /** Announced and uploaded through the service (small files): READY. */
    static String uploaded(AssetApi uploader, String kind, String type, byte[] file) {
        String asset = uploader.announce(kind, type, file).ok().get("assetId").asString();
        uploader.putContent(asset, file).ok();
        return asset;
    }
}
