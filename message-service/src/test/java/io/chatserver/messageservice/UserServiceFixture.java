package io.chatserver.messageservice;

import io.chatserver.testsupport.FreePorts;
import io.chatserver.testsupport.RepoRoot;
import io.chatserver.testsupport.ServiceProcess;

import java.util.List;

/**
 * The real user-service, from its packaged jar (build it first: {@code mvn -o -q install -pl
 * protocol,platform,test-support,user-service -DskipTests}), with the SMS test hook so tests can
 * register users, and a port where nothing listens standing in for ws-manager (pushes fail and are
 * counted; the inbox is the truth).
 */
final class UserServiceFixture {

    /** No ws-manager here: every push fails fast with "connection refused". */
    static final String NO_WS_MANAGER = "http://127.0.0.1:" + FreePorts.next();

    private UserServiceFixture() {
    }

    static ServiceProcess start() {
        return ServiceProcess.start(RepoRoot.find(), "user-service", "user-service", FreePorts.next(), List.of(
                "--chat.registration.test-hook-enabled=true",
                // Every test registers from 127.0.0.1; the production per-address limit would trip.
                "--chat.registration.ip-limit=1000000",
                "--chat.registration.resend-cooldown=1s",
                "--chat.user-service.ws-manager-url=" + NO_WS_MANAGER));
    }
}
