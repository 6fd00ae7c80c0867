package io.chatserver.groupservice;

import io.chatserver.testsupport.Accounts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.chatserver.groupservice.GroupApi.body;
import static io.chatserver.groupservice.GroupApi.memberIds;
import static io.chatserver.groupservice.GroupApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** Invite links: admins reset and revoke the one live code; anybody with it previews and joins. */
class InviteIT extends GroupsIntegrationTest {

    @Test
    void anybodyWithTheLiveCodePreviewsAndJoinsOnceAndAResetCodeStopsWorking() {
        List<Accounts.Seeded> users = users(3);
        String admin = users.get(0).accessToken();
        String groupId = api.create(admin, "Open group", List.of());
        String code = (String) body(api.call("POST", admin, "/v1/groups/{id}/invite", groupId), 200).get("code");
        assertThat(code).matches("[A-Za-z0-9_-]{22}");
        assertThat(body(api.get(admin, "/v1/groups/{id}/invite", groupId), 200)).containsEntry("code", code);
        assertThat(body(api.get(admin, "/v1/groups/{id}", groupId), 200)).containsEntry("inviteCode", code);

        String guest = users.get(1).accessToken();
        assertThat(body(api.get(guest, "/v1/invites/{code}", code), 200))
                .containsOnlyKeys("groupId", "subject", "iconAssetId", "memberCount")
                .containsEntry("subject", "Open group").containsEntry("memberCount", 1);
        Map<String, Object> joined = body(api.call("POST", guest, "/v1/invites/{code}/join", code), 200);
        assertThat(memberIds(joined)).contains(users.get(1).userId());
        assertThat(joined).containsEntry("yourRole", "member").containsEntry("inviteCode", null);
        long version = ((Number) joined.get("version")).longValue();
        assertThat(body(api.call("POST", guest, "/v1/invites/{code}/join", code), 200))
                .as("joining again changes nothing").containsEntry("version", (int) version);

        String newCode = (String) body(api.call("POST", admin, "/v1/groups/{id}/invite", groupId), 200).get("code");
        assertThat(newCode).isNotEqualTo(code);
        problem(api.call("POST", users.get(2).accessToken(), "/v1/invites/{code}/join", code), 404, 2104);
        problem(api.get(users.get(2).accessToken(), "/v1/invites/{code}", code), 404, 2104);

        api.delete(admin, "/v1/groups/{id}/invite", groupId).expectStatus().isNoContent();
        problem(api.call("POST", users.get(2).accessToken(), "/v1/invites/{code}/join", newCode), 404, 2104);
        problem(api.get(admin, "/v1/groups/{id}/invite", groupId), 404, 2104);
        assertThat(memberIds(body(api.get(admin, "/v1/groups/{id}", groupId), 200))).hasSize(2);
    }

    @Test
    void malformedCodesAre2104Too() {
        String token = users(1).get(0).accessToken();
        problem(api.call("POST", token, "/v1/invites/{code}/join", "short"), 404, 2104);
        problem(api.get(token, "/v1/invites/{code}", "x".repeat(22) + "'"), 404, 2104);
    }

    @Test
    void joinsRacingForTheLastPlacesFillExactlyTheLimit() throws Exception {
        List<Accounts.Seeded> users = users(260);
        String admin = users.get(0).accessToken();
        String groupId = api.create(admin, "Race", ids(users.subList(1, 250)));
        String code = (String) body(api.call("POST", admin, "/v1/groups/{id}/invite", groupId), 200).get("code");

        List<Accounts.Seeded> racers = users.subList(250, 260);
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        try {
            List<Future<Integer>> answers = racers.stream()
                    .map(racer -> pool.submit(() -> api.call("POST", racer.accessToken(), "/v1/invites/{code}/join", code)
                            .returnResult(String.class).getStatus().value()))
                    .toList();
            int joined = 0;
            int refused = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status == 200) {
                    joined++;
                } else if (status == 409) {
                    refused++;
                }
            }
            assertThat(joined).isEqualTo(6);
            assertThat(refused).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> group = body(api.get(admin, "/v1/groups/{id}", groupId), 200);
        assertThat(group).containsEntry("memberCount", 256);
        assertThat(memberIds(group)).hasSize(256).doesNotHaveDuplicates();
    }
}
