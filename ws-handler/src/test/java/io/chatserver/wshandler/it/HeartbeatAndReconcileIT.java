package io.chatserver.wshandler.it;

import io.chatserver.protocol.v1.Welcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Server pings keep a quiet but alive client open (its pongs count as traffic); reconciliation heals. */
@TestPropertySource(properties = {
        "chat.ws-handler.heartbeat-interval=300ms",
        "chat.ws-handler.idle-timeout=1500ms",
        "chat.ws-handler.reconcile-interval=1s"})
class HeartbeatAndReconcileIT extends HandlerIT {

    @Autowired
    MeterRegistry meters;

    private final UUID user = UUID.randomUUID();

    @Test
    void pongsToServerPingsKeepTheConnectionOpenAndAClientThatStopsAnsweringIsClosed() throws Exception {
        double idleClosesBefore = idleCloses();
        try (TestSocket socket = connectWelcomed(user, 1, JSON)) {
            Thread.sleep(3_000); // twice the idle timeout with no app frame: the JDK client answers pings
            assertThat(socket.isClosed()).isFalse();
            assertThat(idleCloses()).isEqualTo(idleClosesBefore);

            socket.pause(); // stops reading, so no more pongs
            await().atMost(Duration.ofSeconds(3)).until(() -> idleCloses() == idleClosesBefore + 1);
            socket.resume();
            // The JDK client reads the pings queued before the close and fails answering them, so it may
            // report "closed output" instead of the 4408 (IdleTimeoutIT checks the code itself).
            assertThat(socket.awaitClose().code()).isIn(4408, -1);
        }
    }

    private double idleCloses() {
        Counter closes = meters.find("chat.ws.closes").tag("reason", "SESSION_IDLE_TIMEOUT").counter();
        return closes == null ? 0 : closes.count();
    }

    @Test
    void aRegistrationLostAtWsManagerIsRestoredByReconciliation() throws Exception {
        try (TestSocket socket = connect(user, 2, PROTO)) {
            Welcome welcome = socket.next().getWelcome();
            // Remove it behind the handler's back, as if the registration had never reached the registry.
            HttpResponse<Void> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    WsManagerProcess.shared().url() + "/internal/v1/sessions/" + welcome.getSessionId()
                            + "?userId=" + user + "&deviceId=2")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            assertThat(deleted.statusCode()).isEqualTo(204);
            // No check that it is gone: the next reconciliation (every second) may already have restored it.

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(registrySessions(user)).singleElement().satisfies(session ->
                            assertThat(session.get("sessionId").asString()).isEqualTo(welcome.getSessionId())));
        }
    }
}
