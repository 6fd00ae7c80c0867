package io.chatserver.messageservice.schema;

import java.util.List;

/**
 * What a migration run did.
 *
 * @param keyspace the migrated keyspace
 * @param applied  versions this run applied itself (empty when the schema was already current)
 * @param version  the highest version of the schema now in place
 */
record SchemaMigrationResult(String keyspace, List<Integer> applied, int version) {

    SchemaMigrationResult {
        applied = List.copyOf(applied);
    }
}
