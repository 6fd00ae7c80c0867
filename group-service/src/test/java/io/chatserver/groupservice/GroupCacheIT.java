package io.chatserver.groupservice;

import io.chatserver.groupservice.change.GroupChanges;
import io.chatserver.groupservice.store.Change;
import io.chatserver.groupservice.store.GroupState;
import io.chatserver.groupservice.store.GroupStore;
import io.chatserver.platform.jdbc.BlockingDatabase;
import io.chatserver.testsupport.Accounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.core.io.ClassPathResource;
import reactor.core.Disposable;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.chatserver.groupservice.GroupApi.body;
import static io.chatserver.groupservice.GroupApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis copy of each group (A6) and the internal members API message fan-out reads: a change is
 * in the cache as soon as it is answered, a lost entry is read again from MySQL, and an older
 * version can never overwrite a newer one.
 */
class GroupCacheIT extends GroupsIntegrationTest {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    GroupChanges changes;

    @Autowired
    BlockingDatabase database;

    @Autowired
    GroupStore store;

    @Test
    void theInternalApiAnswersTheMembersOfTheLatestVersionAndForgetsRemovedOnesAtOnce() {
        List<Accounts.Seeded> users = users(3);
        String admin = users.get(0).accessToken();
        String groupId = api.create(admin, "Fan-out", ids(users.subList(1, 3)));

        Map<String, Object> members = body(api.internal("/internal/v1/groups/{id}/members", groupId), 200);
        assertThat(members).containsEntry("version", 2).containsEntry("onlyAdminsSend", false);
        // joinedVersion: the version their membership began with (1: the group's creation).
        assertThat(entries(members)).containsExactlyInAnyOrder(
                Map.of("userId", users.get(0).userId(), "admin", true, "joinedVersion", 1),
                Map.of("userId", users.get(1).userId(), "admin", false, "joinedVersion", 1),
                Map.of("userId", users.get(2).userId(), "admin", false, "joinedVersion", 1));

        body(api.delete(admin, "/v1/groups/{id}/members/{u}", groupId, users.get(2).userId()), 200);
        Map<String, Object> after = body(api.internal("/internal/v1/groups/{id}/members", groupId), 200);
        assertThat(after).containsEntry("version", 3);
        assertThat(entries(after)).extracting(e -> e.get("userId"))
                .containsExactlyInAnyOrder(users.get(0).userId(), users.get(1).userId());
        assertThat(redis.opsForHash().get("chat:group:" + groupId, "v").block()).isEqualTo("3");

        body(api.post(admin, Map.of("userIds", List.of(users.get(2).userId())), "/v1/groups/{id}/members", groupId), 200);
        Map<String, Object> back = body(api.internal("/internal/v1/groups/{id}/members", groupId), 200);
        assertThat(entries(back)).filteredOn(e -> users.get(2).userId().equals(e.get("userId")))
                .extracting(e -> e.get("joinedVersion")).as("back in: a membership from version 4").containsExactly(4);

        problem(api.internal("/internal/v1/groups/{id}/members", UUID.randomUUID()), 404, 2101);
    }

    @Test
    void anEntryRedisLostIsReadAgainFromMysqlAndCachedAgain() {
        List<Accounts.Seeded> users = users(2);
        String groupId = api.create(users.get(0).accessToken(), "Lost", List.of(users.get(1).userId()));
        redis.delete("chat:group:" + groupId).block();

        assertThat(body(api.get(users.get(1).accessToken(), "/v1/groups/{id}", groupId), 200))
                .containsEntry("subject", "Lost").containsEntry("memberCount", 2);
        assertThat(redis.opsForHash().get("chat:group:" + groupId, "v").block()).isEqualTo("2");
    }

    @Test
    void aGarbledEntryIsReadFromMysqlInstead() {
        List<Accounts.Seeded> users = users(1);
        String groupId = api.create(users.get(0).accessToken(), "Garbled", List.of());
        redis.opsForHash().put("chat:group:" + groupId, "s", "{not json").block();

        assertThat(body(api.get(users.get(0).accessToken(), "/v1/groups/{id}", groupId), 200))
                .containsEntry("subject", "Garbled");
    }

    @Test
    void aChangeWhoseCallerWentAwayMidTransactionIsStillCommittedAndCached() throws Exception {
        List<Accounts.Seeded> users = users(1);
        UUID groupId = UUID.fromString(api.create(users.get(0).accessToken(), "Before", List.of()));
        UUID actor = UUID.fromString(users.get(0).userId());
        CountDownLatch inTransaction = new CountDownLatch(1);
        CountDownLatch callerGone = new CountDownLatch(1);

        Disposable request = changes.apply(groupId, (jdbc, locked, now) -> {
            inTransaction.countDown();
            awaitQuietly(callerGone);
            store.updateInfo(jdbc, groupId, "After", "", null);
            return List.of(Change.of(Change.Kind.INFO_CHANGED, actor));
        }).subscribe();
        assertThat(inTransaction.await(5, TimeUnit.SECONDS)).isTrue();
        request.dispose();
        callerGone.countDown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!"2".equals(redis.opsForHash().get("chat:group:" + groupId, "v").block())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        GroupState committed = database.call(jdbc -> store.read(jdbc, groupId)).block().orElseThrow();
        assertThat(committed.info().subject()).as("committed in MySQL").isEqualTo("After");
        assertThat(committed.info().version()).isEqualTo(2);
        assertThat(redis.opsForHash().get("chat:group:" + groupId, "v").block()).as("and in the cache").isEqualTo("2");
        assertThat((String) redis.opsForHash().get("chat:group:" + groupId, "s").block()).contains("\"After\"");
    }

    @Test
    void aForgottenEntryKeepsItsVersionSoOnlyThatVersionOrANewerOneCanFillIt() throws Exception {
        RedisScript<Long> put = script("group_cache_put");
        RedisScript<Long> forget = script("group_cache_forget");
        String key = "chat:group:script-test-" + UUID.randomUUID();
        try {
            assertThat(run(put, key, 5, "five")).isEqualTo(1);
            assertThat(redis.execute(forget, List.of(key), List.of("7", "60000")).blockFirst()).isEqualTo(1);
            assertThat(redis.opsForHash().get(key, "s").block()).as("readers miss and go to MySQL").isNull();
            assertThat(run(put, key, 6, "six")).as("a fill from before version 7").isZero();
            assertThat(run(put, key, 7, "seven")).as("a fill of version 7 itself").isEqualTo(1);
            assertThat(run(put, key, 7, "seven again")).isZero();
            assertThat(redis.opsForHash().get(key, "s").block()).isEqualTo("seven");
            assertThat(redis.execute(forget, List.of(key), List.of("6", "60000")).blockFirst())
                    .as("forgetting an older version").isZero();
            assertThat(redis.opsForHash().get(key, "s").block()).isEqualTo("seven");
        } finally {
            redis.delete(key).block();
        }
    }

    @Test
    void theCacheScriptKeepsTheNewerVersion() throws Exception {
        RedisScript<Long> put = script("group_cache_put");
        String key = "chat:group:script-test-" + UUID.randomUUID();
        try {
            assertThat(run(put, key, 5, "five")).isEqualTo(1);
            assertThat(run(put, key, 4, "four")).as("an older snapshot").isZero();
            assertThat(run(put, key, 5, "five again")).as("the same version").isZero();
            assertThat(redis.opsForHash().get(key, "s").block()).isEqualTo("five");
            assertThat(run(put, key, 6, "six")).isEqualTo(1);
            assertThat(redis.opsForHash().get(key, "s").block()).isEqualTo("six");
            assertThat(redis.getExpire(key).block()).isPositive();
        } finally {
            redis.delete(key).block();
        }
    }

    private static RedisScript<Long> script(String name) throws java.io.IOException {
        return RedisScript.of(new ClassPathResource("lua/" + name + ".lua")
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8), Long.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted inside the transaction", e);
        }
    }

    private Long run(RedisScript<Long> script, String key, long version, String state) {
        return redis.execute(script, List.of(key), List.of(Long.toString(version), state, "60000")).blockFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> members) {
        return (List<Map<String, Object>>) members.get("members");
    }
}
