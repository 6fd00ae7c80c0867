package io.chatserver.e2e;

import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.Ping;
import io.chatserver.protocol.v1.PresenceState;
import io.chatserver.protocol.v1.PresenceUpdate;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.SubscribePresence;
import io.chatserver.protocol.v1.UserPresence;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.FreePorts;
import io.chatserver.testsupport.Http;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.PrivacyMatrix;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Presence end to end (A7, R13): user-service, ws-manager, two ws-handlers and lastseen-service as
 * processes from their packaged jars against the real local stack. A user is online while a device
 * is connected; when the last one goes their last seen is the last frame the handler had from it,
 * and when their handler dies (SIGKILL), the handler's last lease renewal, within the lease TTL.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PresenceE2EIT {

    private static final Duration LEASE_TTL = Duration.ofSeconds(6);
    private static final Duration RENEW_INTERVAL = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(300);

    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<TestWebSocketClient> clients = new ArrayList<>();
    private ServiceProcess handler1;
    private ServiceProcess handler2;
    private ServiceProcess lastseen;
    private Accounts accounts;
    private Accounts.Seeded watcher;

    @BeforeAll
    void startServices() {
        Path root = RepoRoot.find();
        String runId = Long.toHexString(System.nanoTime());
        int wsManagerPort = FreePorts.next();
        int userServicePort = FreePorts.next();
        String wsManagerUrl = "http://127.0.0.1:" + wsManagerPort;
        String userServiceUrl = "http://127.0.0.1:" + userServicePort;
        String jwks = userServiceUrl + "/.well-known/jwks.json";

        start(ServiceProcess.start(root, "ws-manager", "ws-manager", wsManagerPort, List.of(
                "--chat.ws-manager.lease-ttl=" + LEASE_TTL.toSeconds() + "s", "--chat.ws-manager.reaper-interval=1s")));
        ServiceProcess userService = start(ServiceProcess.start(root, "user-service", "user-service", userServicePort,
                List.of("--chat.registration.test-hook-enabled=true", "--chat.registration.seeding-enabled=true",
                        "--chat.registration.ip-limit=1000000", "--chat.user-service.ws-manager-url=" + wsManagerUrl)));
        lastseen = start(ServiceProcess.start(root, "lastseen-service", "lastseen-service", FreePorts.next(), List.of(
                "--chat.instance-id=lastseen-e2e-" + runId, "--chat.presence.user-service-url=" + userServiceUrl,
                "--chat.presence.changes-idle-poll=50ms", "--chat.presence.publish-interval=" + PUBLISH_INTERVAL.toMillis() + "ms",
                "--chat.security.jwks-uri=" + jwks)));
        handler1 = start(E2eProcesses.handler(root, "e2e-p1-" + runId, wsManagerUrl, jwks, RENEW_INTERVAL,
                "--chat.ws-handler.presence.lastseen-service-url=" + lastseen.baseUri()));
        handler2 = start(E2eProcesses.handler(root, "e2e-p2-" + runId, wsManagerUrl, jwks, RENEW_INTERVAL,
                "--chat.ws-handler.presence.lastseen-service-url=" + lastseen.baseUri()));
        accounts = new Accounts(userService.baseUri());
        watcher = accounts.seed(1).get(0);
        everyone(watcher);
    }

    @AfterAll
    void stopServices() {
        clients.forEach(TestWebSocketClient::close);
        services.forEach(ServiceProcess::close);
    }

    @Test
    @Order(1)
    void aUserIsOnlineWhileADeviceIsConnectedAndLastSeenAtTheirLastFrame() {
        Accounts.Seeded alice = accounts.seed(1).get(0);
        everyone(alice);
        TestWebSocketClient socket = open(handler1, alice.accessToken());
        awaitState(alice, "ONLINE");

        long pingedAt = System.currentTimeMillis();
        socket.send(ClientFrame.newBuilder().setRequestId("p").setPing(Ping.getDefaultInstance()).build());
        socket.awaitFrame(ServerFrame.BodyCase.PONG, WAIT);
        E2eProcesses.sleep(1_500);
        long closedAt = System.currentTimeMillis();
        socket.close();

        Map<String, Object> offline = awaitState(alice, "OFFLINE");
        long lastSeen = ((Number) offline.get("lastSeenAtMs")).longValue();
        System.out.printf("e2e presence: last seen %d ms after the last ping, %d ms before the close%n",
                lastSeen - pingedAt, closedAt - lastSeen);
        assertThat(lastSeen).as("the last frame, not the close").isBetween(pingedAt - 100, closedAt - 1_000);
    }

    @Test
    @Order(2)
    void theUsersOfAKilledHandlerGoOfflineWithinTheLeaseTtlAsOfItsLastRenewal() {
        Accounts.Seeded carol = accounts.seed(1).get(0);
        everyone(carol);
        open(handler1, carol.accessToken());
        awaitState(carol, "ONLINE");

        long killedAt = System.currentTimeMillis();
        handler1.kill();
        Map<String, Object> offline = awaitState(carol, "OFFLINE");
        long tookMs = System.currentTimeMillis() - killedAt;
        long lastSeen = ((Number) offline.get("lastSeenAtMs")).longValue();
        System.out.printf("e2e presence: offline %d ms after the kill (lease TTL %d ms), last seen %d ms before it%n",
                tookMs, LEASE_TTL.toMillis(), killedAt - lastSeen);

        assertThat(tookMs).isLessThanOrEqualTo(LEASE_TTL.toMillis() + 3_000);
        assertThat(lastSeen).isBetween(killedAt - RENEW_INTERVAL.toMillis() - 1_000, killedAt);
    }

    @Test
    @Order(3)
    void aUserWithTwoDevicesStaysOnlineUntilBothLeft() {
        Accounts.Seeded dave = accounts.seed(1).get(0);
        everyone(dave);
        TestWebSocketClient first = open(handler2, dave.accessToken());
        awaitState(dave, "ONLINE");
        // A second session of the same device replaces the first; the user stays online throughout.
        TestWebSocketClient second = open(handler2, dave.accessToken());
        assertThat(first.awaitClose(WAIT).code()).isEqualTo(4409);
        assertThat(presence(dave).get("state")).isEqualTo("ONLINE");

        second.close();
        awaitState(dave, "OFFLINE");
    }

    @Test
    @Order(4)
    void aSubscriptionGetsTheChangesOfWhomItMaySeeOnlyAndOnlyWhileSubscribed() {
        Accounts.Seeded viewer = accounts.seed(1).get(0);
        Accounts.Seeded open = accounts.seed(1).get(0);
        Accounts.Seeded closed = accounts.seed(1).get(0); // the default, CONTACTS: the viewer is not one
        everyone(viewer);
        everyone(open);
        TestWebSocketClient watch = open(handler2, viewer.accessToken());

        assertThat(refusal(watch, "s1", open.userId(), UUID.randomUUID().toString())).isEqualTo(1401);
        assertThat(refusal(watch, "s2", viewer.userId())).isEqualTo(1002);
        assertThat(refusal(watch, "s3", "not-a-uuid")).isEqualTo(1002);
        assertThat(refusal(watch, "s4", randomIds(101))).isEqualTo(1602);
        PresenceUpdate snapshot = subscribe(watch, "s5", open.userId(), closed.userId());
        assertThat(snapshot.getUsersList()).extracting(UserPresence::getUserId, UserPresence::getState)
                .containsExactly(tuple(open.userId(), PresenceState.OFFLINE), tuple(closed.userId(), PresenceState.HIDDEN));

        List<UserPresence> pushed = new ArrayList<>();
        TestWebSocketClient closedSocket = open(handler2, closed.accessToken());
        TestWebSocketClient openSocket = open(handler2, open.accessToken());
        awaitPushed(watch, pushed, open.userId(), PresenceState.ONLINE);
        assertThat(pushed).as("nothing of a user who hides it").noneMatch(p -> p.getUserId().equals(closed.userId()));

        everyone(closed); // a privacy change is decided again and sent
        awaitPushed(watch, pushed, closed.userId(), PresenceState.ONLINE);
        openSocket.close();
        UserPresence offline = awaitPushed(watch, pushed, open.userId(), PresenceState.OFFLINE);
        assertThat(offline.getLastSeenAtMs()).isPositive();

        E2eProcesses.sleep(1_000); // five subscriptions above used the burst: wait for a token
        assertThat(subscribe(watch, "s6").getUsersCount()).isZero();
        pushed.clear();
        open(handler2, open.accessToken());
        closedSocket.close();
        awaitState(open, "ONLINE");
        awaitState(closed, "OFFLINE");
        E2eProcesses.sleep(PUBLISH_INTERVAL.toMillis() * 3);
        assertThat(drainPushes(watch)).as("not subscribed any more").isEmpty();
    }

    @Test
    @Order(5)
    void aFlappingConnectionIsCoalescedAndTheLastStateWins() {
        Accounts.Seeded viewer = accounts.seed(1).get(0);
        Accounts.Seeded flapper = accounts.seed(1).get(0);
        everyone(viewer);
        everyone(flapper);
        TestWebSocketClient watch = open(handler2, viewer.accessToken());
        subscribe(watch, "w", flapper.userId());

        long started = System.nanoTime();
        int flaps = 10;
        for (int i = 0; i < flaps; i++) {
            open(handler2, flapper.accessToken()).close();
        }
        List<UserPresence> pushed = new ArrayList<>();
        awaitState(flapper, "OFFLINE");
        E2eProcesses.sleep(PUBLISH_INTERVAL.toMillis() * 3);
        pushed.addAll(drainPushes(watch));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("e2e presence: %d connects and %d disconnects in %.1f s reached the watcher as %d updates%n",
                flaps, flaps, seconds, pushed.size());

        assertThat(pushed).isNotEmpty().hasSizeLessThanOrEqualTo((int) (seconds * 1000 / PUBLISH_INTERVAL.toMillis()) + 2);
        assertThat(pushed.get(pushed.size() - 1).getState()).isEqualTo(PresenceState.OFFLINE);
    }

    @Test
    @Order(6)
    void subscribingTooOftenIsRefused() {
        Accounts.Seeded viewer = accounts.seed(1).get(0);
        TestWebSocketClient watch = open(handler2, viewer.accessToken());
        int frames = 6; // the burst is 5
        for (int i = 0; i < frames; i++) {
            watch.send(ClientFrame.newBuilder().setRequestId("r" + i).setSubscribePresence(SubscribePresence.getDefaultInstance()).build());
        }
        int refused = 0;
        for (int i = 0; i < frames; i++) {
            ServerFrame answer = watch.awaitFrame(WAIT);
            if (answer.getBodyCase() == ServerFrame.BodyCase.ERROR) {
                assertThat(answer.getError().getCodeValue()).isEqualTo(1006);
                refused++;
            }
        }
        assertThat(refused).isEqualTo(1);
    }

    /**
     * The privacy matrix over real connections: target's setting x viewer's setting x who saved whom
     * (36 pairs). Each viewer subscribes to its online target and sees ONLINE or HIDDEN as the rule
     * says; when the targets leave, exactly the viewers allowed get OFFLINE with a last seen.
     */
    @Test
    @Order(7)
    void thePrivacyMatrixOverRealConnections() {
        List<PrivacyMatrix.Case> matrix = PrivacyMatrix.cases();
        List<Accounts.Seeded> users = accounts.seed(2 * matrix.size());
        List<MatrixCase> cases = new ArrayList<>();
        int i = 0;
        for (PrivacyMatrix.Case c : matrix) {
            Accounts.Seeded target = users.get(i++);
            Accounts.Seeded viewer = users.get(i++);
            setVisibility(target, c.targetSetting());
            setVisibility(viewer, c.viewerSetting());
            if (c.targetSavedViewer()) {
                saveContact(target, viewer);
            }
            if (c.viewerSavedTarget()) {
                saveContact(viewer, target);
            }
            cases.add(new MatrixCase(c.toString(), target, viewer, c.visible()));
        }
        List<TestWebSocketClient> targets = new ArrayList<>();
        for (MatrixCase c : cases) {
            targets.add(open(handler2, c.target().accessToken()));
        }
        cases.forEach(c -> awaitState(c.target(), c.target(), "ONLINE"));
        List<String> failures = new ArrayList<>();
        List<TestWebSocketClient> viewers = new ArrayList<>();
        for (MatrixCase c : cases) {
            TestWebSocketClient socket = open(handler2, c.viewer().accessToken());
            viewers.add(socket);
            PresenceState seen = subscribe(socket, "m", c.target().userId()).getUsers(0).getState();
            if (seen != (c.visible() ? PresenceState.ONLINE : PresenceState.HIDDEN)) {
                failures.add(c.name() + ": subscribed, saw " + seen);
            }
        }

        targets.forEach(TestWebSocketClient::close);
        cases.forEach(c -> awaitState(c.target(), c.target(), "OFFLINE"));
        E2eProcesses.sleep(PUBLISH_INTERVAL.toMillis() * 3);
        for (int k = 0; k < cases.size(); k++) {
            MatrixCase c = cases.get(k);
            List<UserPresence> pushed = drainPushes(viewers.get(k));
            boolean gotOffline = pushed.stream().anyMatch(p -> p.getUserId().equals(c.target().userId())
                    && p.getState() == PresenceState.OFFLINE && p.getLastSeenAtMs() > 0);
            if (gotOffline != c.visible() || (!c.visible() && !pushed.isEmpty())) {
                failures.add(c.name() + ": pushed when the target left " + pushed);
            }
        }
        System.out.printf("e2e presence: privacy matrix over %d WebSocket pairs, %d as the rule says%n",
                cases.size(), cases.size() - failures.size());
        assertThat(failures).isEmpty();
    }

    private record MatrixCase(String name, Accounts.Seeded target, Accounts.Seeded viewer, boolean visible) {
    }

    private static PresenceUpdate subscribe(TestWebSocketClient socket, String requestId, String... users) {
        socket.send(ClientFrame.newBuilder().setRequestId(requestId)
                .setSubscribePresence(SubscribePresence.newBuilder().addAllUserIds(List.of(users))).build());
        ServerFrame answer = awaitAnswer(socket, requestId);
        assertThat(answer.getBodyCase()).as("%s", answer).isEqualTo(ServerFrame.BodyCase.PRESENCE);
        return answer.getPresence();
    }

    private static int refusal(TestWebSocketClient socket, String requestId, String... users) {
        socket.send(ClientFrame.newBuilder().setRequestId(requestId)
                .setSubscribePresence(SubscribePresence.newBuilder().addAllUserIds(List.of(users))).build());
        ServerFrame answer = awaitAnswer(socket, requestId);
        assertThat(answer.getBodyCase()).as("%s", answer).isEqualTo(ServerFrame.BodyCase.ERROR);
        return answer.getError().getCodeValue();
    }

    private static ServerFrame awaitAnswer(TestWebSocketClient socket, String requestId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ServerFrame frame = socket.awaitFrame(WAIT);
            if (frame.getRequestId().equals(requestId)) {
                return frame;
            }
        }
        throw new AssertionError("no answer to " + requestId);
    }

    /** Pushed presence (request id empty) until the user's state arrives; all of it is kept in pushed. */
    private static UserPresence awaitPushed(TestWebSocketClient socket, List<UserPresence> pushed, String user,
            PresenceState state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ServerFrame frame = socket.awaitFrame(ServerFrame.BodyCase.PRESENCE, WAIT);
            assertThat(frame.getRequestId()).isEmpty();
            for (UserPresence presence : frame.getPresence().getUsersList()) {
                pushed.add(presence);
                if (presence.getUserId().equals(user) && presence.getState() == state) {
                    return presence;
                }
            }
        }
        throw new AssertionError(user + " not pushed as " + state + "; pushed: " + pushed);
    }

    /** The presence pushed so far, waiting at most a moment for more. */
    private static List<UserPresence> drainPushes(TestWebSocketClient socket) {
        List<UserPresence> pushed = new ArrayList<>();
        while (true) {
            ServerFrame frame;
            try {
                frame = socket.awaitFrame(Duration.ofMillis(200));
            } catch (AssertionError none) {
                return pushed;
            }
            if (frame.getBodyCase() == ServerFrame.BodyCase.PRESENCE) {
                pushed.addAll(frame.getPresence().getUsersList());
            }
        }
    }

    private static String[] randomIds(int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = UUID.randomUUID().toString();
        }
        return ids;
    }

    private void everyone(Accounts.Seeded user) {
        setVisibility(user, "EVERYONE");
    }

    private void setVisibility(Accounts.Seeded user, String visibility) {
        Http.Response set = Http.request("PUT", lastseen.baseUri().resolve("/v1/presence/settings"),
                Map.of("visibility", visibility), user.accessToken());
        assertThat(set.status()).isEqualTo(200);
    }

    private void saveContact(Accounts.Seeded owner, Accounts.Seeded contact) {
        Http.Response saved = Http.request("PUT", lastseen.baseUri().resolve("/v1/contacts/" + contact.userId()),
                null, owner.accessToken());
        assertThat(saved.status()).as("%s", saved.body()).isEqualTo(204);
    }

    private Map<String, Object> presence(Accounts.Seeded user) {
        return presence(user, watcher);
    }

    private Map<String, Object> presence(Accounts.Seeded user, Accounts.Seeded viewer) {
        Http.Response response = Http.get(lastseen.baseUri().resolve("/v1/presence/" + user.userId()),
                viewer.accessToken());
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body();
    }

    private Map<String, Object> awaitState(Accounts.Seeded user, String state) {
        return awaitState(user, watcher, state);
    }

    /** The user's state as the viewer sees it (the user sees their own whatever the settings). */
    private Map<String, Object> awaitState(Accounts.Seeded user, Accounts.Seeded viewer, String state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Object> last = Map.of();
        while (System.nanoTime() < deadline) {
            last = presence(user, viewer);
            if (state.equals(last.get("state")) && (!"OFFLINE".equals(state) || last.get("lastSeenAtMs") != null)) {
                return last;
            }
            E2eProcesses.sleep(100);
        }
        throw new AssertionError(user.userId() + " not " + state + " within " + WAIT + ": " + last);
    }

    private TestWebSocketClient open(ServiceProcess handler, String token) {
        TestWebSocketClient client = TestWebSocketClient.connect(
                URI.create("ws://127.0.0.1:" + handler.port() + "/v1/ws"), token, WireFormat.PROTOBUF);
        clients.add(client);
        client.awaitFrame(ServerFrame.BodyCase.WELCOME, WAIT);
        return client;
    }

    private ServiceProcess start(ServiceProcess service) {
        services.add(service);
        return service;
    }
}
