package io.chatserver.testsupport;

import java.util.List;

/**
 * The real user-service, from its packaged jar (build it first: {@code mvn -o -q install -pl
 * protocol,platform,test-support,user-service -DskipTests}), for the ITs of services that need real
 * accounts and access tokens. It has the SMS test hook and the seeding hook so tests can register users, and a port where
 * nothing listens standing in for ws-manager (pushes fail and are counted). One per test JVM,
 * started by the first test that asks, stopped at exit.
 */
public final class SharedUserService {

    /** No ws-manager here: every push fails fast with "connection refused". */
    public static final String NO_WS_MANAGER = "http://127.0.0.1:" + FreePorts.next();

    private static ServiceProcess shared;

    private SharedUserService() {
    }

    public static synchronized ServiceProcess get() {
        if (shared == null) {
            shared = ServiceProcess.start(RepoRoot.find(), "user-service", "user-service", FreePorts.next(), List.of(
                    "--chat.registration.test-hook-enabled=true",
                    "--chat.registration.seeding-enabled=true",
                    // Every test registers from 127.0.0.1; the production per-address limit would trip.
                    "--chat.registration.ip-limit=1000000",
                    "--chat.registration.resend-cooldown=1s",
                    "--chat.user-service.ws-manager-url=" + NO_WS_MANAGER));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-user-service"));
        }
        return shared;
    }
}
