package io.chatserver.messageservice;

import io.chatserver.testsupport.ServiceProcess;
import io.chatserver.testsupport.SharedUserService;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The real user-service of {@link SharedUserService}, and the properties that point message-service at it. */
public final class UserServiceFixture {

    private UserServiceFixture() {
    }

    public static ServiceProcess shared() {
        return SharedUserService.get();
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("chat.messaging.user-service-url", () -> shared().baseUri().toString());
        registry.add("chat.security.jwks-uri", () -> shared().baseUri().resolve("/.well-known/jwks.json").toString());
    }
}
