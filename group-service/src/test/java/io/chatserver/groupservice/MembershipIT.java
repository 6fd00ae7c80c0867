package io.chatserver.groupservice;

import io.chatserver.testsupport.Accounts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chatserver.groupservice.GroupApi.body;
import static io.chatserver.groupservice.GroupApi.list;
import static io.chatserver.groupservice.GroupApi.memberIds;
import static io.chatserver.groupservice.GroupApi.problem;
import static io.chatserver.groupservice.GroupApi.roleOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Members and admins (R4, R5): who may change what, the 256 limit, and a group that keeps an admin. */
class MembershipIT extends GroupsIntegrationTest {

    @Test
    void nonAdminsCannotAddRemovePromoteDemoteOrResetTheInviteAndNothingChanges() {
        List<Accounts.Seeded> users = users(4);
        String admin = users.get(0).accessToken();
        String member = users.get(1).accessToken();
        String other = users.get(2).userId();
        String groupId = api.create(admin, "Rights", List.of(users.get(1).userId(), other));

        problem(api.post(member, Map.of("userIds", List.of(users.get(3).userId())), "/v1/groups/{id}/members", groupId), 403, 2102);
        problem(api.delete(member, "/v1/groups/{id}/members/{u}", groupId, other), 403, 2102);
        problem(api.call("PUT", member, "/v1/groups/{id}/admins/{u}", groupId, other), 403, 2102);
        problem(api.delete(member, "/v1/groups/{id}/admins/{u}", groupId, users.get(0).userId()), 403, 2102);
        problem(api.call("POST", member, "/v1/groups/{id}/invite", groupId), 403, 2102);
        problem(api.get(member, "/v1/groups/{id}/invite", groupId), 403, 2102);
        problem(api.delete(member, "/v1/groups/{id}/invite", groupId), 403, 2102);

        Map<String, Object> group = body(api.get(admin, "/v1/groups/{id}", groupId), 200);
        assertThat(group).containsEntry("version", 2).containsEntry("memberCount", 3);
        assertThat(roleOf(group, other)).isEqualTo("member");
    }

    @Test
    void anAdminAddsAndRemovesAndTheRemovedMemberNoLongerSeesTheGroup() {
        List<Accounts.Seeded> users = users(3);
        String admin = users.get(0).accessToken();
        String groupId = api.create(admin, "Team", List.of(users.get(1).userId()));

        Map<String, Object> added = body(api.post(admin, Map.of("userIds", List.of(users.get(2).userId(),
                users.get(1).userId())), "/v1/groups/{id}/members", groupId), 200);
        assertThat(memberIds(added)).containsExactlyInAnyOrderElementsOf(ids(users));
        assertThat(added).containsEntry("version", 3);
        // Adding members who are in already changes nothing.
        assertThat(body(api.post(admin, Map.of("userIds", List.of(users.get(2).userId())),
                "/v1/groups/{id}/members", groupId), 200)).containsEntry("version", 3);

        Map<String, Object> removed = body(api.delete(admin, "/v1/groups/{id}/members/{u}", groupId,
                users.get(1).userId()), 200);
        assertThat(memberIds(removed)).doesNotContain(users.get(1).userId());
        problem(api.get(users.get(1).accessToken(), "/v1/groups/{id}", groupId), 404, 2101);
        assertThat(list(api.get(users.get(1).accessToken(), "/v1/groups"))).isEmpty();
        problem(api.delete(admin, "/v1/groups/{id}/members/{u}", groupId, users.get(1).userId()), 404, 2106);
        problem(api.call("PUT", admin, "/v1/groups/{id}/admins/{u}", groupId, UUID.randomUUID()), 404, 2106);
        problem(api.post(admin, Map.of("userIds", List.of(UUID.randomUUID())), "/v1/groups/{id}/members", groupId), 404, 2105);
        problem(api.post(admin, Map.of("userIds", List.of()), "/v1/groups/{id}/members", groupId), 400, 1002);
    }

    @Test
    void theLastAdminCannotStepDownAndWhenTheyLeaveTheLongestStandingMemberTakesOver() {
        List<Accounts.Seeded> users = users(3);
        String creator = users.get(0).userId();
        String admin = users.get(0).accessToken();
        String groupId = api.create(admin, "Succession", List.of(users.get(1).userId()));
        body(api.post(admin, Map.of("userIds", List.of(users.get(2).userId())), "/v1/groups/{id}/members", groupId), 200);

        problem(api.delete(admin, "/v1/groups/{id}/admins/{u}", groupId, creator), 409, 2107);

        api.delete(admin, "/v1/groups/{id}/members/{u}", groupId, creator).expectStatus().isNoContent();
        problem(api.get(admin, "/v1/groups/{id}", groupId), 404, 2101);
        Map<String, Object> group = body(api.get(users.get(2).accessToken(), "/v1/groups/{id}", groupId), 200);
        assertThat(roleOf(group, users.get(1).userId())).as("the earliest remaining member").isEqualTo("admin");
        assertThat(roleOf(group, users.get(2).userId())).isEqualTo("member");
        assertThat(list(api.get(users.get(1).accessToken(), "/v1/groups/{id}/changes?after=3", groupId)))
                .extracting(c -> c.get("kind"), c -> c.get("subjects"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("LEFT", List.of()),
                        org.assertj.core.groups.Tuple.tuple("PROMOTED", List.of(users.get(1).userId())));
        problem(api.delete(admin, "/v1/groups/{id}/members/{u}", groupId, creator), 404, 2101);
    }

    @Test
    void promotedAdminsMayActAndMayStepDownWhileAnotherAdminRemains() {
        List<Accounts.Seeded> users = users(3);
        String admin = users.get(0).accessToken();
        String second = users.get(1).userId();
        String groupId = api.create(admin, "Two admins", List.of(second, users.get(2).userId()));

        assertThat(roleOf(body(api.call("PUT", admin, "/v1/groups/{id}/admins/{u}", groupId, second), 200), second))
                .isEqualTo("admin");
        assertThat(body(api.call("PUT", admin, "/v1/groups/{id}/admins/{u}", groupId, second), 200))
                .as("promoting an admin again changes nothing").containsEntry("version", 3);
        body(api.delete(users.get(1).accessToken(), "/v1/groups/{id}/members/{u}", groupId,
                users.get(2).userId()), 200);
        Map<String, Object> stepped = body(api.delete(users.get(1).accessToken(), "/v1/groups/{id}/admins/{u}",
                groupId, second), 200);
        assertThat(roleOf(stepped, second)).isEqualTo("member");
        assertThat(stepped).containsEntry("yourRole", "member").containsEntry("memberCount", 2);
    }

    @Test
    void aGroupHoldsAtMost256AndThe257thIsRefusedWith2103() {
        List<Accounts.Seeded> users = users(258);
        String admin = users.get(0).accessToken();
        problem(api.post(admin, Map.of("subject", "Too big", "members", ids(users.subList(1, 258))), "/v1/groups"),
                409, 2103);

        String groupId = api.create(admin, "Full house", ids(users.subList(1, 256)));
        Map<String, Object> full = body(api.get(admin, "/v1/groups/{id}", groupId), 200);
        assertThat(full).containsEntry("memberCount", 256);

        problem(api.post(admin, Map.of("userIds", List.of(users.get(256).userId())), "/v1/groups/{id}/members",
                groupId), 409, 2103);
        assertThat(body(api.get(admin, "/v1/groups/{id}", groupId), 200))
                .containsEntry("memberCount", 256).containsEntry("version", full.get("version"));
        problem(api.get(users.get(256).accessToken(), "/v1/groups/{id}", groupId), 404, 2101);

        // A place freed is a place to fill.
        body(api.delete(admin, "/v1/groups/{id}/members/{u}", groupId, users.get(1).userId()), 200);
        assertThat(body(api.post(admin, Map.of("userIds", List.of(users.get(256).userId())),
                "/v1/groups/{id}/members", groupId), 200)).containsEntry("memberCount", 256);
    }
}
