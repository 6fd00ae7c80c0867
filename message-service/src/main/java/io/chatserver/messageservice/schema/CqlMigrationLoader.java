package io.chatserver.messageservice.schema;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code *.cql} files of one location and checks that they form a sound sequence. */
final class CqlMigrationLoader {

    private CqlMigrationLoader() {
    }

    static List<CqlMigration> load(ResourcePatternResolver resolver, String location) {
        String pattern = location.endsWith("/") ? location + "*.cql" : location + "/*.cql";
        List<CqlMigration> migrations = new ArrayList<>();
        try {
            for (Resource resource : resolver.getResources(pattern)) {
                String content = resource.getContentAsString(StandardCharsets.UTF_8);
                migrations.add(CqlMigration.parse(String.valueOf(resource.getFilename()), content));
            }
        } catch (FileNotFoundException e) {
            // classpath: locations that do not exist end up here; treated like an empty folder.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CQL migrations from " + pattern, e);
        }
        if (migrations.isEmpty()) {
            throw new SchemaMigrationException("no CQL migrations found at " + pattern
                    + " (chat.cassandra.schema.location)");
        }
        return ordered(migrations);
    }

    /**
     * Sorts by version and checks the rules the migrator relies on: versions are unique, and V1
     * exists and is idempotent, because every starting instance runs V1 before the ledger table
     * it creates can coordinate them.
     */
    static List<CqlMigration> ordered(List<CqlMigration> migrations) {
        List<CqlMigration> sorted = migrations.stream().sorted(Comparator.comparingInt(CqlMigration::version)).toList();
        Map<Integer, CqlMigration> seen = new HashMap<>();
        for (CqlMigration migration : sorted) {
            CqlMigration clash = seen.putIfAbsent(migration.version(), migration);
            if (clash != null) {
                throw new SchemaMigrationException("two CQL migrations share version " + migration.version()
                        + ": " + clash + " and " + migration);
            }
        }
        if (sorted.isEmpty() || sorted.get(0).version() != 1) {
            throw new SchemaMigrationException("CQL migrations must start with V1 (the keyspace and its "
                    + "schema_migrations table); found " + sorted);
        }
        if (!sorted.get(0).idempotent()) {
            throw new SchemaMigrationException(sorted.get(0) + " must contain only CREATE ... IF NOT EXISTS "
                    + "statements: every instance may run it before the migrations table exists");
        }
        return sorted;
    }
}
