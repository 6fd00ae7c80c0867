package io.chatserver.userservice.lookup;

import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Which of some user ids are accounts: one statement for the whole list. */
@Component
final class ExistingUsers {

    private final BlockingDatabase database;

    ExistingUsers(BlockingDatabase database) {
        this.database = database;
    }

    /** The ids that are accounts, in the order given, each once. */
    Mono<List<UUID>> among(List<UUID> userIds) {
        List<UUID> asked = List.copyOf(new LinkedHashSet<>(userIds));
        String placeholders = String.join(",", Collections.nCopies(asked.size(), "?"));
        return database.call(jdbc -> {
            Set<String> found = new HashSet<>(jdbc.sql("SELECT id FROM users WHERE id IN (" + placeholders + ")")
                    .params(asked.stream().map(UUID::toString).toList())
                    .query(String.class)
                    .list());
            return asked.stream().filter(id -> found.contains(id.toString())).toList();
        });
    }
}
