package io.chatserver.wshandler.it;

import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Pong;
import io.chatserver.protocol.v1.ServerFrame;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One connection per device, pushes through ws-manager, and closes ordered by ws-manager. */
class SessionsIT extends HandlerIT {

    private final UUID user = UUID.randomUUID();

    private static ServerFrame pushed(long marker) {
        return ServerFrame.newBuilder().setPong(Pong.newBuilder().setServerTimeMs(marker)).build();
    }

    @Test
    void aSecondConnectionOfTheDeviceReplacesTheFirst() throws Exception {
        try (TestSocket first = connectWelcomed(user, 1, JSON);
             TestSocket second = connectWelcomed(user, 1, PROTO)) {
            ServerFrame goingAway = first.next();
            assertThat(goingAway.getGoingAway().getCode()).isEqualTo(ErrorCode.SESSION_REPLACED);
            assertThat(goingAway.getGoingAway().getReconnect()).isFalse();
            TestSocket.Closed closed = first.awaitClose();
            assertThat(closed.code()).isEqualTo(4409);
            assertThat(closed.reason()).startsWith("1501 ");

            assertThat(second.isClosed()).isFalse();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(registrySessions(user)).singleElement()
                            .satisfies(session -> assertThat(session.get("deviceId").asInt()).isEqualTo(1)));
            assertThat(deliver(user, 1, pushed(1)).get("devicesFound").asInt()).isEqualTo(1);
            assertThat(second.next().getPong().getServerTimeMs()).isEqualTo(1);
        }
    }

    @Test
    void aDeliveryReachesEachDeviceInItsOwnWireFormat() throws Exception {
        try (TestSocket web = connectWelcomed(user, 1, JSON);
             TestSocket phone = connectWelcomed(user, 2, PROTO)) {
            assertThat(deliver(user, null, pushed(42)).get("devicesFound").asInt()).isEqualTo(2);

            assertThat(web.next()).isEqualTo(pushed(42));
            assertThat(phone.next()).isEqualTo(pushed(42));
            assertThat(web.binaryFrames()).isZero();
            assertThat(phone.textFrames()).isZero();

            assertThat(deliver(user, 2, pushed(43)).get("devicesFound").asInt()).isEqualTo(1);
            assertThat(phone.next()).isEqualTo(pushed(43));
            assertThat(web.poll(Duration.ofMillis(300))).as("only device 2").isNull();
        }
    }

    @Test
    void theDisconnectCommandClosesWithGoingAwayAnd4403() throws Exception {
        try (TestSocket socket = connectWelcomed(user, 1, PROTO)) {
            assertThat(post("/internal/v1/sessions/disconnect",
                    Map.of("userId", user.toString(), "deviceId", 1, "reason", "SESSION_DEVICE_SIGNED_OUT"))
                    .get("closed").asInt()).isEqualTo(1);

            assertThat(socket.next().getGoingAway().getCode()).isEqualTo(ErrorCode.SESSION_DEVICE_SIGNED_OUT);
            TestSocket.Closed closed = socket.awaitClose();
            assertThat(closed.code()).isEqualTo(4403);
            assertThat(closed.reason()).startsWith("1505 ");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registrySessions(user)).isEmpty());
    }
}
