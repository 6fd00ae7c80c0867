package io.chatserver.e2e;

import io.chatserver.testsupport.FreePorts;
import io.chatserver.testsupport.ServiceProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Helpers of the end-to-end tests that start their own processes instead of a {@link ChatCluster}. */
final class E2eProcesses {

    private E2eProcesses() {
    }

    /** A ws-handler against that ws-manager, without message-service (inbox reads fail and are retried). */
    static ServiceProcess handler(Path root, String instanceId, String wsManagerUrl, String jwks, Duration renewInterval,
            String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--chat.instance-id=" + instanceId,
                "--chat.ws-handler.ws-manager-url=" + wsManagerUrl,
                "--chat.ws-handler.lease-renew-interval=" + renewInterval.toSeconds() + "s",
                "--chat.security.jwks-uri=" + jwks));
        args.addAll(List.of(more));
        return ServiceProcess.start(root, "ws-handler", instanceId, FreePorts.next(), args);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
