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

/** Creating, reading and editing groups (R4): only members see a group, rights as the settings say. */
class GroupsIT extends GroupsIntegrationTest {

    @Test
    void theCreatorIsTheFirstAdminAndTheOthersMembersAndEachChangeIsLogged() {
        List<Accounts.Seeded> users = users(3);
        String creator = users.get(0).userId();
        Map<String, Object> group = body(api.post(users.get(0).accessToken(), Map.of("subject", "  Hiking  ",
                "description", "Sundays\nat nine", "members", List.of(users.get(1).userId(), users.get(2).userId(),
                        creator, users.get(1).userId())), "/v1/groups"), 201);

        assertThat(group).containsEntry("subject", "Hiking").containsEntry("description", "Sundays\nat nine")
                .containsEntry("createdBy", creator).containsEntry("memberCount", 3).containsEntry("yourRole", "admin")
                .containsEntry("onlyAdminsSend", false).containsEntry("onlyAdminsEditInfo", false)
                .containsEntry("version", 2);
        assertThat(memberIds(group)).containsExactlyInAnyOrderElementsOf(ids(users));
        assertThat(roleOf(group, creator)).isEqualTo("admin");
        assertThat(roleOf(group, users.get(1).userId())).isEqualTo("member");

        List<Map<String, Object>> changes = list(api.get(users.get(2).accessToken(), "/v1/groups/{id}/changes",
                group.get("groupId")));
        assertThat(changes).extracting(c -> c.get("version"), c -> c.get("kind"), c -> c.get("actor"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "CREATED", creator),
                        org.assertj.core.groups.Tuple.tuple(2, "ADDED", creator));
        assertThat(changes.get(1).get("subjects")).isEqualTo(List.of(users.get(1).userId(), users.get(2).userId()));
    }

    @Test
    void membersSeeTheGroupAndTheirListAnybodyElseGets2101AsIfItDidNotExist() {
        List<Accounts.Seeded> users = users(3);
        String groupId = api.create(users.get(0).accessToken(), "Book club", List.of(users.get(1).userId()));

        Map<String, Object> seen = body(api.get(users.get(1).accessToken(), "/v1/groups/{id}", groupId), 200);
        assertThat(seen).containsEntry("yourRole", "member").containsEntry("inviteCode", null);
        assertThat(list(api.get(users.get(1).accessToken(), "/v1/groups")))
                .extracting(g -> g.get("groupId"), g -> g.get("yourRole"), g -> g.get("memberCount"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(groupId, "member", 2));

        String outsider = users.get(2).accessToken();
        problem(api.get(outsider, "/v1/groups/{id}", groupId), 404, 2101);
        problem(api.get(outsider, "/v1/groups/{id}/members", groupId), 404, 2101);
        problem(api.get(outsider, "/v1/groups/{id}/changes", groupId), 404, 2101);
        problem(api.get(outsider, "/v1/groups/{id}", UUID.randomUUID()), 404, 2101);
        assertThat(list(api.get(outsider, "/v1/groups"))).isEmpty();
    }

    @Test
    void anyMemberEditsTheInfoUntilAdminsReserveItThenOnlyAdmins() {
        List<Accounts.Seeded> users = users(2);
        String admin = users.get(0).accessToken();
        String member = users.get(1).accessToken();
        String groupId = api.create(admin, "Old name", List.of(users.get(1).userId()));

        Map<String, Object> edited = body(api.patch(member, Map.of("subject", "New name", "iconAssetId", "icon_1"),
                "/v1/groups/{id}", groupId), 200);
        assertThat(edited).containsEntry("subject", "New name").containsEntry("iconAssetId", "icon_1")
                .containsEntry("description", "").containsEntry("version", 3);

        problem(api.put(member, Map.of("onlyAdminsSend", true, "onlyAdminsEditInfo", true),
                "/v1/groups/{id}/settings", groupId), 403, 2102);
        Map<String, Object> reserved = body(api.put(admin, Map.of("onlyAdminsSend", true, "onlyAdminsEditInfo", true),
                "/v1/groups/{id}/settings", groupId), 200);
        assertThat(reserved).containsEntry("onlyAdminsSend", true).containsEntry("onlyAdminsEditInfo", true)
                .containsEntry("version", 4);

        problem(api.patch(member, Map.of("subject", "Mine now"), "/v1/groups/{id}", groupId), 403, 2102);
        Map<String, Object> after = body(api.get(member, "/v1/groups/{id}", groupId), 200);
        assertThat(after).containsEntry("subject", "New name").containsEntry("version", 4);

        // The same values again change nothing and use no version.
        assertThat(body(api.patch(admin, Map.of("subject", "New name"), "/v1/groups/{id}", groupId), 200))
                .containsEntry("version", 4);
        assertThat(body(api.patch(admin, Map.of("iconAssetId", ""), "/v1/groups/{id}", groupId), 200))
                .containsEntry("iconAssetId", null).containsEntry("version", 5);
    }

    @Test
    void badSubjectsDescriptionsIconsAndBodiesAre1002Or1001AndCreateNothing() {
        List<Accounts.Seeded> users = users(1);
        String token = users.get(0).accessToken();
        problem(api.post(token, Map.of("subject", "   "), "/v1/groups"), 400, 1002);
        problem(api.post(token, Map.of("subject", "x".repeat(101)), "/v1/groups"), 400, 1002);
        problem(api.post(token, Map.of("subject", "tab\there"), "/v1/groups"), 400, 1002);
        problem(api.post(token, Map.of("subject", "ok", "description", "d".repeat(2049)), "/v1/groups"), 400, 1002);
        problem(api.post(token, Map.of("subject", "ok", "iconAssetId", "../etc/passwd"), "/v1/groups"), 400, 1002);
        problem(api.post(token, Map.of("subject", "ok", "members", List.of("not-a-uuid")), "/v1/groups"), 400, 1001);
        problem(api.post(token, "{\"subject\":", "/v1/groups"), 400, 1001);
        problem(api.get(token, "/v1/groups/not-a-uuid"), 400, 1001);
        assertThat(list(api.get(token, "/v1/groups"))).isEmpty();
    }

    @Test
    void unknownUsersAreRefusedWith2105AndNoGroupIsMade() {
        List<Accounts.Seeded> users = users(2);
        String stranger = UUID.randomUUID().toString();
        problem(api.post(users.get(0).accessToken(), Map.of("subject", "Ghosts",
                "members", List.of(users.get(1).userId(), stranger)), "/v1/groups"), 404, 2105);
        assertThat(list(api.get(users.get(0).accessToken(), "/v1/groups"))).isEmpty();
        assertThat(list(api.get(users.get(1).accessToken(), "/v1/groups"))).isEmpty();
    }

    @Test
    void withoutATokenNothingIsAnswered() {
        problem(api.get("not-a-token", "/v1/groups"), 401, 1202);
    }

    @Test
    void theChangeLogPagesAfterAVersion() {
        List<Accounts.Seeded> users = users(4);
        String admin = users.get(0).accessToken();
        String groupId = api.create(admin, "Log", List.of());
        for (Accounts.Seeded user : users.subList(1, 4)) {
            body(api.post(admin, Map.of("userIds", List.of(user.userId())), "/v1/groups/{id}/members", groupId), 200);
        }
        List<Map<String, Object>> page = list(api.get(admin, "/v1/groups/{id}/changes?after=1&limit=2", groupId));
        assertThat(page).extracting(c -> c.get("version")).containsExactly(2, 3);
        assertThat(page.get(1).get("subjects")).isEqualTo(List.of(users.get(2).userId()));
        problem(api.get(admin, "/v1/groups/{id}/changes?limit=501", groupId), 400, 1002);
        problem(api.get(admin, "/v1/groups/{id}/changes?after=-1", groupId), 400, 1002);
    }
}
