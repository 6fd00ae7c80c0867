package io.chatserver.wsmanager.api;

import com.google.protobuf.ByteString;
import io.chatserver.protocol.internal.v1.CloseSession;
import io.chatserver.protocol.internal.v1.DeliverFrame;
import io.chatserver.protocol.internal.v1.HandlerCommand;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Pong;
import io.chatserver.protocol.v1.ServerFrame;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The internal REST API against the real Redis, with the pub/sub commands it publishes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.instance-id=ws-manager-it",
        "chat.ws-manager.lease-ttl=2s",
        "chat.ws-manager.reaper-interval=500ms",
        "chat.ws-manager.reconcile-grace=0s"})
@AutoConfigureWebTestClient
class RegistryApiIT {

    @Autowired
    WebTestClient http;
    @Autowired
    ReactiveRedisConnectionFactory connections;
    @Autowired
    ReactiveStringRedisTemplate redis;

    private final String user = UUID.randomUUID().toString();
    private final String h1 = "it-" + UUID.randomUUID();
    private final String h2 = "it-" + UUID.randomUUID();

    private WebTestClient.ResponseSpec renew(String handler) {
        return http.put().uri("/internal/v1/handlers/{h}/lease", handler).exchange();
    }

    private WebTestClient.ResponseSpec register(int device, String session, String handler) {
        return http.post().uri("/internal/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", user, "deviceId", device, "sessionId", session, "handlerId", handler))
                .exchange();
    }

    @Test
    void registeringASecondSessionReplacesTheFirstAndTellsItsHandlerToClose() throws Exception {
        register(1, "s1", h1).expectStatus().isOk().expectBody().json("{\"replaced\":null}");

        try (HandlerChannel channel = new HandlerChannel(connections, h1)) {
            register(1, "s2", h2).expectStatus().isOk()
                    .expectBody().json("{\"replaced\":{\"handlerId\":\"" + h1 + "\",\"sessionId\":\"s1\"}}");

            assertThat(channel.next()).isEqualTo(HandlerCommand.newBuilder().setClose(CloseSession.newBuilder()
                    .setUserId(user).setDeviceId(1).setSessionId("s1").setReason(ErrorCode.SESSION_REPLACED)).build());
        }
        http.get().uri("/internal/v1/users/{u}/sessions", user).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].deviceId").isEqualTo(1)
                .jsonPath("$[0].handlerId").isEqualTo(h2)
                .jsonPath("$[0].sessionId").isEqualTo("s2")
                .jsonPath("$[0].connectedAt").isNotEmpty();
    }

    @Test
    void aLateDeleteOfTheOldSessionKeepsTheNewOne() {
        register(1, "s1", h1).expectStatus().isOk();
        register(1, "s2", h2).expectStatus().isOk();

        http.delete().uri("/internal/v1/sessions/s1?userId={u}&deviceId=1", user).exchange().expectStatus().isNoContent();
        http.get().uri("/internal/v1/users/{u}/sessions", user).exchange()
                .expectBody().jsonPath("$[0].sessionId").isEqualTo("s2");

        http.delete().uri("/internal/v1/sessions/s2?userId={u}&deviceId=1", user).exchange().expectStatus().isNoContent();
        http.get().uri("/internal/v1/users/{u}/sessions", user).exchange().expectBody().json("[]");
    }

    @Test
    void aRegistrationThatArrivesAfterTheDevicesNewerSessionIsRefusedWith409() {
        // s1's handshake began 5 s ago; its handler waited that long for this answer, and s2 began since.
        registerAged(1, "s2", h2, 0).expectStatus().isOk();

        registerAged(1, "s1", h1, 5_000).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo(1501);
        http.get().uri("/internal/v1/users/{u}/sessions", user).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].sessionId").isEqualTo("s2").jsonPath("$.length()").isEqualTo(1);
    }

    @Test
    void aRegistrationArrivingAfterItsHandlerGaveUpChangesNothingWhateverTheHandlersClockSays() {
        long handlerClockAhead = Duration.ofHours(1).toMillis(); // the handler's clock is an hour fast
        long handlerNow = System.currentTimeMillis() + handlerClockAhead;
        http.put().uri("/internal/v1/handlers/{h}/lease?sentAtMs={t}", h1, handlerNow).exchange()
                .expectStatus().isOk();
        http.put().uri("/internal/v1/handlers/{h}/lease?sentAtMs={t}", h2, System.currentTimeMillis()).exchange()
                .expectStatus().isOk();
        // s1: handshake 5 s ago on h1, whose 2 s wait ended 3 s ago; s2 began on h2 since and is held.
        registerTimed(1, "s2", h2, System.currentTimeMillis() - 100, System.currentTimeMillis() + 2_000)
                .expectStatus().isOk();

        registerTimed(1, "s1", h1, handlerNow - 5_000, handlerNow - 3_000).expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.code").isEqualTo(1506);
        http.get().uri("/internal/v1/users/{u}/sessions", user).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].sessionId").isEqualTo("s2").jsonPath("$.length()").isEqualTo(1);

        // Still waited for, but begun before s2: dated on ws-manager's clock as 4 s old, so refused as older.
        registerTimed(1, "s1", h1, handlerNow - 4_000, handlerNow + 1_000).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo(1501);
        // Begun after s2 and in time: it replaces s2, even though h1's clock is an hour ahead.
        registerTimed(1, "s3", h1, handlerNow + 1_000, handlerNow + 5_000).expectStatus().isOk()
                .expectBody().jsonPath("$.replaced.sessionId").isEqualTo("s2");
    }

    private WebTestClient.ResponseSpec registerTimed(int device, String session, String handler, long startedAtMs,
            long deadlineMs) {
        return http.post().uri("/internal/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", user, "deviceId", device, "sessionId", session, "handlerId", handler,
                        "ageMs", 0, "startedAtMs", startedAtMs, "deadlineMs", deadlineMs))
                .exchange();
    }

    private WebTestClient.ResponseSpec registerAged(int device, String session, String handler, long ageMs) {
        return http.post().uri("/internal/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", user, "deviceId", device, "sessionId", session, "handlerId", handler,
                        "ageMs", ageMs))
                .exchange();
    }

    @Test
    void aDeliveryIsPublishedToTheHandlerOfEachDevice() throws Exception {
        register(1, "s1", h1).expectStatus().isOk();
        register(2, "s2", h1).expectStatus().isOk();
        byte[] frame = ServerFrame.newBuilder().setPong(Pong.newBuilder().setServerTimeMs(7)).build().toByteArray();

        try (HandlerChannel channel = new HandlerChannel(connections, h1)) {
            deliver(Map.of("userId", user, "deviceId", 2, "serverFrame", Base64.getEncoder().encodeToString(frame)))
                    .expectStatus().isOk().expectBody().json("{\"devicesFound\":1}");
            assertThat(channel.next().getDeliver()).isEqualTo(DeliverFrame.newBuilder().setUserId(user).setDeviceId(2)
                    .setSessionId("s2").setServerFrame(ByteString.copyFrom(frame)).build());
            channel.assertNothingMore();

            deliver(Map.of("userId", user, "serverFrame", Base64.getEncoder().encodeToString(frame)))
                    .expectStatus().isOk().expectBody().json("{\"devicesFound\":2}");
            assertThat(channel.next().getDeliver().getDeviceId() + channel.next().getDeliver().getDeviceId()).isEqualTo(3);
        }
        deliver(Map.of("userId", UUID.randomUUID().toString(), "serverFrame", Base64.getEncoder().encodeToString(frame)))
                .expectStatus().isOk().expectBody().json("{\"devicesFound\":0}");
    }

    @Test
    void disconnectTellsTheHandlerToCloseWithTheReason() throws Exception {
        register(1, "s1", h1).expectStatus().isOk();

        try (HandlerChannel channel = new HandlerChannel(connections, h1)) {
            http.post().uri("/internal/v1/sessions/disconnect").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("userId", user, "deviceId", 1, "reason", "SESSION_DEVICE_SIGNED_OUT"))
                    .exchange().expectStatus().isOk().expectBody().json("{\"closed\":1}");

            CloseSession close = channel.next().getClose();
            assertThat(close.getSessionId()).isEqualTo("s1");
            assertThat(close.getReason()).isEqualTo(ErrorCode.SESSION_DEVICE_SIGNED_OUT);
        }
    }

    @Test
    void anExpiredLeaseRemovesTheHandlersSessionsWithinTtlPlusReaperInterval() {
        renew(h1).expectStatus().isOk();
        register(1, "s1", h1).expectStatus().isOk();
        http.get().uri("/internal/v1/handlers/{h}/sessions", h1).exchange()
                .expectBody().jsonPath("$[0].userId").isEqualTo(user).jsonPath("$[0].sessionId").isEqualTo("s1");

        // The handler stops renewing (kill -9): gone from Redis within TTL (2 s) + reaper interval (0.5 s).
        await().atMost(Duration.ofMillis(2_500 + 1_000)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(redis.hasKey("chat:registry:user:" + user).block()).isFalse());
        http.get().uri("/internal/v1/users/{u}/sessions", user).exchange().expectBody().json("[]");
        assertThat(redis.opsForZSet().score("chat:registry:leases", h1).block()).isNull();
    }

    @Test
    void aRenewalSaysWhetherTheRegistryStillHeldTheLease() {
        renew(h1).expectStatus().isOk().expectBody().json("{\"known\":false}", true); // first renewal
        renew(h1).expectStatus().isOk().expectBody().json("{\"known\":true}", true);

        // Redis restarted empty (h1's keys gone), and a client of h1 registered again before h1 renewed
        // (which creates the lease): the renewal must still say that the registry lost h1's other sessions.
        redis.opsForZSet().remove("chat:registry:leases", h1).block();
        redis.delete("chat:registry:renewed:" + h1).block();
        register(1, "s1", h1).expectStatus().isOk();
        renew(h1).expectStatus().isOk().expectBody().json("{\"known\":false}", true);
        renew(h1).expectStatus().isOk().expectBody().json("{\"known\":true}", true);

        // Dropped (graceful shutdown or the reaper): unknown again.
        http.delete().uri("/internal/v1/handlers/{h}", h1).exchange().expectStatus().isNoContent();
        renew(h1).expectStatus().isOk().expectBody().json("{\"known\":false}", true);
    }

    @Test
    void gracefulShutdownOfAHandlerDropsItsSessions() {
        renew(h1).expectStatus().isOk();
        register(1, "s1", h1).expectStatus().isOk();

        http.delete().uri("/internal/v1/handlers/{h}", h1).exchange().expectStatus().isNoContent();

        http.get().uri("/internal/v1/users/{u}/sessions", user).exchange().expectBody().json("[]");
    }

    @Test
    void reconciliationMakesTheRegistryMatchWhatTheHandlerHolds() throws InterruptedException {
        register(1, "gone", h1).expectStatus().isOk();
        Thread.sleep(5); // registered before the (zero) grace cutoff

        http.put().uri("/internal/v1/handlers/{h}/sessions", h1).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sessions", List.of(
                        Map.of("userId", user, "deviceId", 2, "sessionId", "held", "connectedAt", "2030-01-01T00:00:00Z"))))
                .exchange().expectStatus().isNoContent();

        http.get().uri("/internal/v1/handlers/{h}/sessions", h1).exchange().expectBody()
                .json("[{\"userId\":\"" + user + "\",\"deviceId\":2,\"sessionId\":\"held\","
                        + "\"connectedAt\":\"2030-01-01T00:00:00Z\"}]");
    }

    @Test
    void aHandlerWithTwentyThousandSessionsReconcilesInOneRequest() {
        // About 2 MB of JSON: past the 256 KiB a WebFlux body may hold by default.
        List<Map<String, Object>> held = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            held.add(Map.of("userId", java.util.UUID.randomUUID().toString(), "deviceId", 1,
                    "sessionId", java.util.UUID.randomUUID().toString(), "connectedAt", "2030-01-01T00:00:00Z"));
        }
        http.put().uri("/internal/v1/handlers/{h}/sessions", h1).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sessions", held)).exchange().expectStatus().isNoContent();

        http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 << 20)).build()
                .get().uri("/internal/v1/handlers/{h}/sessions", h1).exchange().expectBody()
                .jsonPath("$.length()").isEqualTo(20_000);
    }

    private WebTestClient.ResponseSpec deliver(Map<String, ?> body) {
        return http.post().uri("/internal/v1/deliveries").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
