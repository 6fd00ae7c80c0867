package io.chatserver.lastseenservice;

import io.chatserver.lastseenservice.privacy.Visibility;
import io.chatserver.platform.presence.PresenceChange;
import io.chatserver.platform.registry.RegistryKeys;
import io.chatserver.protocol.internal.v1.ContactMessaged;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.Http;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.PrivacyMatrix;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.testsupport.SharedUserService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence over REST with real tokens from a real user-service, against the real Redis and MariaDB:
 * the privacy matrix, last seen from the registry's presence stream (written here as ws-manager's
 * scripts write it: PresenceStreamIT in ws-manager checks that side), its durable copy, and each bad
 * request's numbered problem.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.KAFKA})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.presence.max-contacts=3", "chat.presence.changes-idle-poll=20ms"})
@ActiveProfiles("test")
class PresenceIT {

    private static final String PREFIX = "chat:test:" + UUID.randomUUID() + ":";
    private static final RegistryKeys KEYS = new RegistryKeys(PREFIX);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("chat.presence.user-service-url", () -> SharedUserService.get().baseUri().toString());
        registry.add("chat.security.jwks-uri",
                () -> SharedUserService.get().baseUri().resolve("/.well-known/jwks.json").toString());
        registry.add("chat.presence.registry-prefix", () -> PREFIX);
        registry.add("chat.presence.key-prefix", () -> PREFIX);
    }

    @LocalServerPort
    int port;
    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    JdbcClient jdbc;

    private static Accounts accounts;

    @BeforeAll
    static void userService() {
        accounts = new Accounts(SharedUserService.get().baseUri());
    }

    /**
     * Every combination: the target's setting x the viewer's setting x whether each saved the other.
     * The target is online; the viewer sees ONLINE exactly when the target's setting shows it to the
     * viewer and the viewer's own setting shows theirs to the target (reciprocity).
     */
    @Test
    void thePrivacyMatrix() {
        List<PrivacyMatrix.Case> cases = PrivacyMatrix.cases();
        List<Accounts.Seeded> users = accounts.seed(2 * cases.size());
        List<String> failures = new ArrayList<>();
        int i = 0;
        for (PrivacyMatrix.Case c : cases) {
            Accounts.Seeded target = users.get(i++);
            Accounts.Seeded viewer = users.get(i++);
            setVisibility(target, Visibility.valueOf(c.targetSetting()));
            setVisibility(viewer, Visibility.valueOf(c.viewerSetting()));
            if (c.targetSavedViewer()) {
                assertThat(saveContact(target, viewer.userId()).status()).isEqualTo(204);
            }
            if (c.viewerSavedTarget()) {
                assertThat(saveContact(viewer, target.userId()).status()).isEqualTo(204);
            }
            connect(target.userId(), 1);

            String state = presence(viewer, target.userId()).text("state");
            if (!state.equals(c.visible() ? "ONLINE" : "HIDDEN")) {
                failures.add(c + ": " + state);
            }
            assertThat(presence(target, target.userId()).text("state")).as("one's own").isEqualTo("ONLINE");
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theDefaultIsContactsAndAChangeIsKept() {
        List<Accounts.Seeded> users = accounts.seed(2);
        Accounts.Seeded alice = users.get(0);
        Accounts.Seeded bob = users.get(1);
        connect(alice.userId(), 1);

        assertThat(settings(alice, "GET", null).text("visibility")).isEqualTo("CONTACTS");
        assertThat(presence(bob, alice.userId()).text("state")).isEqualTo("HIDDEN");
        saveContact(alice, bob.userId());
        saveContact(bob, alice.userId());
        assertThat(presence(bob, alice.userId()).text("state")).isEqualTo("ONLINE");

        assertThat(settings(alice, "PUT", Map.of("visibility", "NOBODY")).text("visibility")).isEqualTo("NOBODY");
        assertThat(settings(alice, "GET", null).text("visibility")).isEqualTo("NOBODY");
        assertThat(presence(bob, alice.userId()).text("state")).isEqualTo("HIDDEN");
    }

    @Test
    void aUserWhoseLastDeviceLeftIsOfflineWithTheLastSeenTheRegistryRecorded() {
        List<Accounts.Seeded> users = accounts.seed(2);
        Accounts.Seeded alice = users.get(0);
        Accounts.Seeded bob = users.get(1);
        settings(alice, "PUT", Map.of("visibility", "EVERYONE"));
        settings(bob, "PUT", Map.of("visibility", "EVERYONE"));
        assertThat(presence(bob, alice.userId()).body()).containsEntry("state", "OFFLINE").containsEntry("lastSeenAtMs", null);

        connect(alice.userId(), 1);
        connect(alice.userId(), 2);
        assertThat(presence(bob, alice.userId()).text("state")).isEqualTo("ONLINE");
        long seenAt = System.currentTimeMillis() - 5_000;
        disconnect(alice.userId(), 1, seenAt - 1_000, false);
        assertThat(presence(bob, alice.userId()).text("state")).as("device 2 is still connected").isEqualTo("ONLINE");
        disconnect(alice.userId(), 2, seenAt, true);
        offline(alice.userId(), seenAt - 60_000); // an older change read later lowers nothing

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(presence(bob, alice.userId()).body())
                .containsEntry("state", "OFFLINE").containsEntry("lastSeenAtMs", seenAt));
        assertThat(jdbc.sql("SELECT seen_at FROM last_seen WHERE user_id = ?").param(alice.userId())
                .query(Long.class).single()).as("the durable copy").isEqualTo(seenAt);

        // Redis lost it: read from MySQL, and put back.
        redis.opsForZSet().remove(PREFIX + "last-seen", alice.userId()).block();
        assertThat(((Number) presence(bob, alice.userId()).body().get("lastSeenAtMs")).longValue()).isEqualTo(seenAt);
        assertThat(redis.opsForZSet().score(PREFIX + "last-seen", alice.userId()).block()).isEqualTo((double) seenAt);
    }

    @Test
    void anEntryThatIsNotAPresenceChangeIsSkippedAndTheNextOneStillCounts() {
        List<Accounts.Seeded> users = accounts.seed(1);
        Accounts.Seeded alice = users.get(0);
        redis.opsForStream().add(KEYS.presenceChanges, Map.of("u", "not-a-uuid", "s", "off", "t", "1")).block();
        redis.opsForStream().add(KEYS.presenceChanges, Map.of("something", "else")).block();
        offline(UUID.fromString(alice.userId()).toString(), 1_234_567L);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                presence(alice, alice.userId()).body()).containsEntry("lastSeenAtMs", 1_234_567));
    }

    /** A user one sent a message is a contact too (message-service announces it on chat.contact-events). */
    @Test
    void aUserSomeoneMessagedIsTheirContactAndStaysOneWhenUnsaved() throws Exception {
        List<Accounts.Seeded> users = accounts.seed(2);
        Accounts.Seeded alice = users.get(0); // the default, CONTACTS
        Accounts.Seeded bob = users.get(1);
        setVisibility(bob, Visibility.EVERYONE);
        connect(alice.userId(), 1);
        assertThat(presence(bob, alice.userId()).text("state")).isEqualTo("HIDDEN");

        ContactEvents.publish(ContactMessaged.newBuilder().setOwnerUserId(alice.userId())
                .setContactUserId(bob.userId()).setAtMs(42).build().toByteArray());
        ContactEvents.publish("not a contact event".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ContactEvents.publish(ContactMessaged.newBuilder().setOwnerUserId(alice.userId())
                .setContactUserId(bob.userId()).setAtMs(43).build().toByteArray()); // again: no change

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(presence(bob, alice.userId()).text("state")).isEqualTo("ONLINE"));
        assertThat(contacts(alice)).singleElement().satisfies(contact -> assertThat(contact)
                .containsEntry("userId", bob.userId()).containsEntry("saved", false).containsEntry("messaged", true));

        assertThat(saveContact(alice, bob.userId()).status()).isEqualTo(204);
        assertThat(contacts(alice).get(0)).containsEntry("saved", true).containsEntry("messaged", true);
        assertThat(Http.request("DELETE", uri("/v1/contacts/" + bob.userId()), null, alice.accessToken()).status())
                .isEqualTo(204);
        assertThat(contacts(alice).get(0)).as("messaged, so still a contact").containsEntry("saved", false);
        assertThat(presence(bob, alice.userId()).text("state")).isEqualTo("ONLINE");
    }

    @Test
    void badRequestsGetTheirNumberedProblemAndChangeNothing() {
        List<Accounts.Seeded> users = accounts.seed(6);
        Accounts.Seeded alice = users.get(0);

        Http.Response unknown = presence(alice, UUID.randomUUID().toString());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).containsEntry("code", 1401);
        assertThat(presence(alice, "not-a-uuid").status()).isEqualTo(400);
        assertThat(Http.get(uri("/v1/presence/" + alice.userId()), null).body()).containsEntry("code", 1201);
        assertThat(Http.get(uri("/v1/presence/" + alice.userId()), "not.a.token").body()).containsEntry("code", 1202);

        Http.Response badSetting = settings(alice, "PUT", Map.of("visibility", "FRIENDS"));
        assertThat(badSetting.status()).isEqualTo(400);
        assertThat(settings(alice, "PUT", Map.of()).status()).isEqualTo(400);
        assertThat(settings(alice, "GET", null).text("visibility")).as("unchanged").isEqualTo("CONTACTS");

        assertThat(saveContact(alice, alice.userId()).body()).containsEntry("code", 1002);
        assertThat(saveContact(alice, UUID.randomUUID().toString()).body()).containsEntry("code", 1401);
        for (int i = 1; i <= 3; i++) {
            assertThat(saveContact(alice, users.get(i).userId()).status()).isEqualTo(204);
        }
        assertThat(saveContact(alice, users.get(1).userId()).status()).as("saved again: no change").isEqualTo(204);
        Http.Response full = saveContact(alice, users.get(4).userId());
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.body()).containsEntry("code", 1601);
        assertThat(contactIds(alice)).containsExactlyInAnyOrder(users.get(1).userId(), users.get(2).userId(),
                users.get(3).userId());

        assertThat(Http.request("DELETE", uri("/v1/contacts/" + users.get(2).userId()), null, alice.accessToken()).status())
                .isEqualTo(204);
        assertThat(Http.request("DELETE", uri("/v1/contacts/" + users.get(2).userId()), null, alice.accessToken()).status())
                .as("idempotent").isEqualTo(204);
        assertThat(saveContact(alice, users.get(4).userId()).status()).isEqualTo(204);
        assertThat(contactIds(alice)).containsExactlyInAnyOrder(users.get(1).userId(), users.get(3).userId(),
                users.get(4).userId());
    }

    // ---- the registry, as ws-manager's scripts write it

    /** A session on a handler with a live lease (register.lua's layout). */
    private void connect(String userId, int deviceId) {
        redis.opsForZSet().add(KEYS.leases, "h-it", System.currentTimeMillis() + 600_000).block();
        redis.opsForHash().put(KEYS.user(UUID.fromString(userId)), Integer.toString(deviceId),
                "h-it|s" + deviceId + "|" + System.currentTimeMillis()).block();
    }

    /** unregister.lua: the session goes; with the user's last one, a presence change. */
    private void disconnect(String userId, int deviceId, long lastActiveMs, boolean last) {
        redis.opsForHash().remove(KEYS.user(UUID.fromString(userId)), Integer.toString(deviceId)).block();
        if (last) {
            offline(userId, lastActiveMs);
        }
    }

    private void offline(String userId, long at) {
        redis.opsForStream().add(KEYS.presenceChanges, Map.of(PresenceChange.USER, userId,
                PresenceChange.STATE, PresenceChange.OFFLINE, PresenceChange.AT, Long.toString(at))).block();
    }

    // ---- the REST API

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Http.Response presence(Accounts.Seeded viewer, String userId) {
        return Http.get(uri("/v1/presence/" + userId), viewer.accessToken());
    }

    private Http.Response settings(Accounts.Seeded user, String method, Object body) {
        return Http.request(method, uri("/v1/presence/settings"), body, user.accessToken());
    }

    private void setVisibility(Accounts.Seeded user, Visibility visibility) {
        assertThat(settings(user, "PUT", Map.of("visibility", visibility.name())).status()).isEqualTo(200);
    }

    private Http.Response saveContact(Accounts.Seeded owner, String userId) {
        return Http.request("PUT", uri("/v1/contacts/" + userId), null, owner.accessToken());
    }

    private List<String> contactIds(Accounts.Seeded owner) {
        return contacts(owner).stream().map(contact -> (String) contact.get("userId")).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> contacts(Accounts.Seeded owner) {
        return (List<Map<String, Object>>) Http.get(uri("/v1/contacts"), owner.accessToken()).body().get("contacts");
    }
}
