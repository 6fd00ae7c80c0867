package io.chatserver.wshandler.it;

import io.chatserver.platform.security.DeviceGenerations;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.Welcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Authentication comes before anything else: a refused token closes with its code before any frame. */
class AuthenticationIT extends HandlerIT {

    @Autowired
    DeviceGenerations generations;

    private final UUID user = UUID.randomUUID();

    @Test
    void aValidTokenIsWelcomedAndTheSessionIsRegistered() throws Exception {
        try (TestSocket socket = connect(user, 3, JSON)) {
            Welcome welcome = socket.next().getWelcome();

            assertThat(welcome.getProtocol()).isEqualTo(JSON);
            assertThat(welcome.getUserId()).isEqualTo(user.toString());
            assertThat(welcome.getDeviceId()).isEqualTo(3);
            assertThat(welcome.getHandlerId()).isEqualTo(handlerId());
            assertThat(welcome.getSessionId()).isNotBlank();
            assertThat(welcome.getHeartbeatIntervalSeconds()).isEqualTo(20);
            assertThat(welcome.getIdleTimeoutSeconds()).isEqualTo(60);
            assertThat(welcome.getMaxFrameBytes()).isEqualTo(98_304);
            assertThat(welcome.getServerTimeMs()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));

            JsonNode sessions = registrySessions(user);
            assertThat(sessions).hasSize(1);
            assertThat(sessions.get(0).get("deviceId").asInt()).isEqualTo(3);
            assertThat(sessions.get(0).get("handlerId").asString()).isEqualTo(handlerId());
            assertThat(sessions.get(0).get("sessionId").asString()).isEqualTo(welcome.getSessionId());
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(registrySessions(user)).as("unregistered after the client left").isEmpty());
    }

    @Test
    void aBrowserMayPassTheTokenAsQueryParameter() throws Exception {
        URI uri = URI.create(endpoint() + "?access_token=" + TestTokens.valid(user, 1));
        try (TestSocket socket = TestSocket.connect(uri, null)) {
            ServerFrame welcome = socket.next();
            assertThat(welcome.getWelcome().getUserId()).isEqualTo(user.toString());
            assertThat(welcome.getWelcome().getProtocol()).as("no sub-protocol offered: JSON").isEqualTo(JSON);
        }
    }

    @Test
    void noTokenClosesWith4401AndError1201() {
        assertRefused(TestSocket.connect(endpoint(), null, JSON), 4401, "1201 ");
    }

    @Test
    void aGarbageTokenClosesWith4401AndError1202() {
        assertRefused(TestSocket.connect(endpoint(), "garbage", JSON), 4401, "1202 ");
    }

    @Test
    void anExpiredTokenClosesWith4401AndError1203() {
        String expired = TestTokens.mint(user, 1, 1, Instant.now().minus(Duration.ofMinutes(5)));
        assertRefused(TestSocket.connect(endpoint(), expired, JSON), 4401, "1203 ");
    }

    @Test
    void aRevokedTokenClosesWith4403AndError1204() {
        String token = TestTokens.mint(user, 1, 1, Instant.now().plus(Duration.ofMinutes(5)));
        generations.raiseTo(user, 1, 2).block(Duration.ofSeconds(5));

        assertRefused(TestSocket.connect(endpoint(), token, JSON), 4403, "1204 ");
    }

    private void assertRefused(TestSocket socket, int code, String reasonPrefix) {
        try (socket) {
            TestSocket.Closed closed = socket.awaitClose();
            assertThat(closed.code()).isEqualTo(code);
            assertThat(closed.reason()).startsWith(reasonPrefix);
            assertThat(socket.textFrames() + socket.binaryFrames()).as("no frame before the close").isZero();
        }
        assertThat(registrySessions(user)).isEmpty();
    }
}
