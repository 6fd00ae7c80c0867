package io.chatserver.messageservice.schema;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the message keyspace is created and migrated at startup. The keyspace name itself is
 * {@code spring.cassandra.keyspace-name}, the one the application's session binds to.
 *
 * @param location         where the {@code V<n>__<description>.cql} files are
 * @param replication      the keyspace's replication, substituted for {@code ${replication}}
 * @param statementTimeout per DDL statement (schema changes are slower than reads and writes)
 * @param claimTimeout     how long to wait for another instance that is applying a migration
 * @param pollInterval     how often to look whether that instance has finished
 */
@Validated
@ConfigurationProperties("chat.cassandra.schema")
record CassandraSchemaProperties(
        @NotBlank @DefaultValue("classpath:db/cql") String location,
        @NotNull @Valid @DefaultValue Replication replication,
        @NotNull @DefaultValue("30s") Duration statementTimeout,
        @NotNull @DefaultValue("2m") Duration claimTimeout,
        @NotNull @DefaultValue("500ms") Duration pollInterval) {
}
