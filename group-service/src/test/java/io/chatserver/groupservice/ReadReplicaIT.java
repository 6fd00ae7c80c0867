package io.chatserver.groupservice;

import io.chatserver.groupservice.store.GroupReads;
import io.chatserver.testsupport.Accounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads and writes separable by configuration (A6): with {@code chat.groups.read-replica.url} set,
 * a user's group list and the change log come from the replica's read-only pool, while changes (and
 * the membership reads behind them) stay on the primary.
 */
class ReadReplicaIT extends GroupsIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    GroupReads reads;

    @Test
    void listsAndTheChangeLogAreReadFromTheReplicaPoolAndChangesAreWrittenToThePrimary() {
        List<Accounts.Seeded> users = users(2);
        String token = users.get(0).accessToken();
        double writesBefore = usage("group-write");
        String groupId = api.create(token, "Replicated", List.of(users.get(1).userId()));
        assertThat(usage("group-write")).as("the change, on the primary").isGreaterThan(writesBefore);

        double readsBefore = usage("group-read");
        List<Map<String, Object>> mine = GroupApi.list(api.get(token, "/v1/groups"));
        assertThat(mine).extracting(group -> group.get("groupId")).contains(groupId);
        assertThat(GroupApi.list(api.get(token, "/v1/groups/{id}/changes", groupId))).hasSize(2);
        assertThat(usage("group-read") - readsBefore).as("the list and the change log").isEqualTo(2);
    }

    @Test
    void theReplicaPoolRefusesWrites() {
        assertThatThrownBy(() -> reads.call(jdbc -> jdbc.sql("UPDATE chat_groups SET updated_at = updated_at"
                + " WHERE id = 'none'").update()).block()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("read");
    }

    /** How many connections the pool has handed out so far (Hikari's usage timer). */
    private double usage(String pool) {
        var timer = meters.find("hikaricp.connections.usage").tag("pool", pool).timer();
        return timer == null ? 0 : timer.count();
    }
}
