package io.chatserver.e2e;

import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.Ping;
import io.chatserver.protocol.v1.Pong;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.FreePorts;
import io.chatserver.testsupport.Http;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RepoRoot;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.testsupport.ServiceProcess;
import io.chatserver.testsupport.TestWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation end to end (A1, A2, A10): user-service, ws-manager and two ws-handlers run as
 * separate processes from their packaged jars against the real local stack. Users register over
 * REST, connect to different handlers, and the Redis registry follows them, including when a
 * handler dies by SIGKILL.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionRegistryE2EIT {

    private static final Duration LEASE_TTL = Duration.ofSeconds(6);
    private static final Duration REAPER_INTERVAL = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration RESEND_COOLDOWN = Duration.ofSeconds(1);

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<TestWebSocketClient> clients = new ArrayList<>();
    private ServiceProcess userService;
    private ServiceProcess wsManager;
    private ServiceProcess handler1;
    private ServiceProcess handler2;
    private Accounts accounts;
    private Registry registry;

    @BeforeAll
    void startServices() {
        Path root = RepoRoot.find();
        int wsManagerPort = FreePorts.next();
        int userServicePort = FreePorts.next();
        String wsManagerUrl = "http://127.0.0.1:" + wsManagerPort;
        String jwks = "http://127.0.0.1:" + userServicePort + "/.well-known/jwks.json";

        wsManager = start(ServiceProcess.start(root, "ws-manager", "ws-manager", wsManagerPort, List.of(
                "--chat.ws-manager.lease-ttl=" + LEASE_TTL.toSeconds() + "s",
                "--chat.ws-manager.reaper-interval=" + REAPER_INTERVAL.toSeconds() + "s")));
        userService = start(ServiceProcess.start(root, "user-service", "user-service", userServicePort, List.of(
                "--chat.registration.test-hook-enabled=true",
                // Every test registers from 127.0.0.1; the production per-address limit would trip.
                "--chat.registration.ip-limit=1000000",
                "--chat.registration.resend-cooldown=" + RESEND_COOLDOWN.toSeconds() + "s",
                "--chat.user-service.ws-manager-url=" + wsManagerUrl)));
        handler1 = start(E2eProcesses.handler(root, "e2e-h1-" + runId, wsManagerUrl, jwks, Duration.ofSeconds(2)));
        handler2 = start(E2eProcesses.handler(root, "e2e-h2-" + runId, wsManagerUrl, jwks, Duration.ofSeconds(2)));
        accounts = new Accounts(userService.baseUri());
        registry = new Registry(wsManager.baseUri());
    }

    @AfterAll
    void stopServices() {
        clients.forEach(TestWebSocketClient::close);
        services.forEach(ServiceProcess::close);
    }

    @Test
    @Order(1)
    void usersOnDifferentHandlersAreBothInTheRegistry() {
        Accounts.Device alice = accounts.registerNew();
        Accounts.Device bob = accounts.registerNew();

        ServerFrame aliceWelcome = connect(handler1, accounts.token(alice), WireFormat.JSON);
        ServerFrame bobWelcome = connect(handler2, accounts.token(bob), WireFormat.PROTOBUF);

        assertThat(aliceWelcome.getWelcome().getUserId()).isEqualTo(alice.userId());
        assertThat(aliceWelcome.getWelcome().getHandlerId()).isEqualTo("e2e-h1-" + runId);
        assertThat(bobWelcome.getWelcome().getHandlerId()).isEqualTo("e2e-h2-" + runId);
        assertThat(registry.handlersOf(alice.userId())).containsExactly("e2e-h1-" + runId);
        assertThat(registry.handlersOf(bob.userId())).containsExactly("e2e-h2-" + runId);
    }

    @Test
    @Order(2)
    void aFramePushedThroughWsManagerReachesTheDeviceWhereverItIsConnected() {
        Accounts.Device carol = accounts.registerNew();
        TestWebSocketClient socket = open(handler2, accounts.token(carol), WireFormat.JSON);
        socket.awaitFrame(ServerFrame.BodyCase.WELCOME, WAIT);
        ServerFrame pushed = ServerFrame.newBuilder()
                .setPong(Pong.newBuilder().setServerTimeMs(4242)).build();

        Http.Response delivery = Http.post(wsManager.baseUri().resolve("/internal/v1/deliveries"), Map.of(
                "userId", carol.userId(), "deviceId", 1,
                "serverFrame", Base64.getEncoder().encodeToString(pushed.toByteArray())));

        assertThat(delivery.status()).isEqualTo(200);
        assertThat(((Number) delivery.body().get("devicesFound")).intValue()).isEqualTo(1);
        assertThat(socket.awaitFrame(ServerFrame.BodyCase.PONG, WAIT)).isEqualTo(pushed);
    }

    @Test
    @Order(3)
    void registeringTheNumberAgainSignsTheOldDeviceOut() {
        Accounts.Device oldPhone = accounts.registerNew();
        String oldToken = accounts.token(oldPhone);
        TestWebSocketClient oldSocket = open(handler1, oldToken, WireFormat.JSON);
        oldSocket.awaitFrame(ServerFrame.BodyCase.WELCOME, WAIT);

        E2eProcesses.sleep(RESEND_COOLDOWN.toMillis() + 200);
        Accounts.Device newPhone = accounts.register(oldPhone.phoneNumber());

        assertThat(newPhone.userId()).isEqualTo(oldPhone.userId());
        assertThat(oldSocket.awaitFrame(ServerFrame.BodyCase.GOING_AWAY, WAIT).getGoingAway().getCode().getNumber())
                .isEqualTo(1505);
        assertThat(oldSocket.awaitClose(WAIT).code()).isEqualTo(4403);
        TestWebSocketClient replayed = open(handler2, oldToken, WireFormat.JSON);
        TestWebSocketClient.Close refused = replayed.awaitClose(WAIT);
        assertThat(refused.code()).isEqualTo(4403);
        assertThat(refused.reason()).startsWith("1204 ");
        assertThat(connect(handler2, accounts.token(newPhone), WireFormat.JSON).getWelcome().getUserId())
                .isEqualTo(oldPhone.userId());
    }

    @Test
    @Order(4)
    void aKilledHandlersUsersLeaveTheRegistryWithinTheLeaseTtlAndReconnectElsewhere() {
        Accounts.Device dave = accounts.registerNew();
        String token = accounts.token(dave);
        TestWebSocketClient socket = open(handler1, token, WireFormat.JSON);
        socket.awaitFrame(ServerFrame.BodyCase.WELCOME, WAIT);
        assertThat(registry.handlersOf(dave.userId())).containsExactly("e2e-h1-" + runId);

        long killedAt = System.nanoTime();
        handler1.kill();
        Duration gone = awaitOffline(dave.userId(), LEASE_TTL.plus(REAPER_INTERVAL).plusSeconds(5));
        System.out.printf("e2e: registry dropped the killed handler's user after %d ms (lease TTL %d ms)%n",
                gone.toMillis(), LEASE_TTL.toMillis());

        assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1006);
        assertThat(gone).isLessThanOrEqualTo(LEASE_TTL.plus(REAPER_INTERVAL).plusSeconds(2));
        ServerFrame welcome = connect(handler2, token, WireFormat.JSON);
        assertThat(welcome.getWelcome().getHandlerId()).isEqualTo("e2e-h2-" + runId);
        assertThat(registry.handlersOf(dave.userId())).containsExactly("e2e-h2-" + runId);
        assertPingAnswered(handler2, token);
    }

    private Duration awaitOffline(String userId, Duration timeout) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeout.toNanos()) {
            if (registry.handlersOf(userId).isEmpty()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            E2eProcesses.sleep(200);
        }
        throw new AssertionError(userId + " still in the registry " + timeout + " after its handler was killed");
    }

    private void assertPingAnswered(ServiceProcess handler, String token) {
        TestWebSocketClient socket = open(handler, token, WireFormat.PROTOBUF);
        socket.awaitFrame(ServerFrame.BodyCase.WELCOME, WAIT);
        socket.send(ClientFrame.newBuilder().setRequestId("p1").setPing(Ping.newBuilder().setClientTimeMs(7)).build());
        ServerFrame pong = socket.awaitFrame(ServerFrame.BodyCase.PONG, WAIT);
        assertThat(pong.getRequestId()).isEqualTo("p1");
        assertThat(pong.getPong().getClientTimeMs()).isEqualTo(7);
    }

    private ServerFrame connect(ServiceProcess handler, String token, WireFormat format) {
        return open(handler, token, format).awaitFrame(ServerFrame.BodyCase.WELCOME, WAIT);
    }

    private TestWebSocketClient open(ServiceProcess handler, String token, WireFormat format) {
        TestWebSocketClient client = TestWebSocketClient.connect(
                URI.create("ws://127.0.0.1:" + handler.port() + "/v1/ws"), token, format);
        clients.add(client);
        return client;
    }

    private ServiceProcess start(ServiceProcess service) {
        services.add(service);
        return service;
    }
}
