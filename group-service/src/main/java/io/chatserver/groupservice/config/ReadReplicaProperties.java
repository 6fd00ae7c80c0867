package io.chatserver.groupservice.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * A MySQL read replica for the reads that may lag a moment behind the writes (A6): the lists of a
 * user's groups and the change log. Off (those reads go to the primary) while {@code url} is blank.
 * Membership checks, cache fills and everything inside a change always go to the primary.
 *
 * @param url JDBC URL of the replica, e.g. {@code jdbc:mysql://mysql-read:3306/chat_groups}
 * @param username its user (SELECT is all it needs)
 * @param password its password
 * @param poolSize connections to it, and threads that wait on them
 */
@Validated
@ConfigurationProperties("chat.groups.read-replica")
public record ReadReplicaProperties(
        @DefaultValue("") String url,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("5") @Min(1) @Max(200) int poolSize) {

    public boolean enabled() {
        return !url.isBlank();
    }
}
