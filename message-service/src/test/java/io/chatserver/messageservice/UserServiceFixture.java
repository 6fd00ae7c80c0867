package io.chatserver.messageservice;

import io.chatserver.testsupport.FreePorts;
import io.chatserver.testsupport.RepoRoot;
import io.chatserver.testsupport.ServiceProcess;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.List;

/**
 * The real user-service, from its packaged jar (build it first: {@code mvn -o -q install -pl
 * protocol,platform,test-support,user-service -DskipTests}), with the SMS test hook so tests can
 * register users, and a port where nothing listens standing in for ws-manager (pushes fail and are
 * counted; the inbox is the truth).
 */
public final class UserServiceFixture {

    /** No ws-manager here: every push fails fast with "connection refused". */
    static final String NO_WS_MANAGER = "http://127.0.0.1:" + FreePorts.next();

    private static ServiceProcess shared;

    private UserServiceFixture() {
    }

    /** One user-service for all the ITs of this JVM, started by the first that asks, stopped at exit. */
    public static synchronized ServiceProcess shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-user-service"));
        }
        return shared;
    }

    /** The properties that point message-service at it. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("chat.messaging.user-service-url", () -> shared().baseUri().toString());
        registry.add("chat.security.jwks-uri", () -> shared().baseUri().resolve("/.well-known/jwks.json").toString());
    }

    private static ServiceProcess start() {
        return ServiceProcess.start(RepoRoot.find(), "user-service", "user-service", FreePorts.next(), List.of(
                "--chat.registration.test-hook-enabled=true",
                // Every test registers from 127.0.0.1; the production per-address limit would trip.
                "--chat.registration.ip-limit=1000000",
                "--chat.registration.resend-cooldown=1s",
                "--chat.user-service.ws-manager-url=" + NO_WS_MANAGER));
    }
}
