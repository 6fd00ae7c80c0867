package io.chatserver.messageservice.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Brings one keyspace up to the latest CQL migration. Runs once at startup on the main thread,
 * before the application's keyspace-bound session exists, so blocking driver calls are fine here.
 */
final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern KEYSPACE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

    private final CqlSession session;
    private final String keyspace;
    private final CassandraSchemaProperties properties;
    private final String instanceId;
    private final Clock clock;
    private final MigrationLedger ledger;

    /** @param session a session bound to no keyspace (the keyspace may not exist yet) */
    SchemaMigrator(CqlSession session, String keyspace, CassandraSchemaProperties properties, String instanceId,
            Clock clock) {
        if (keyspace == null || !KEYSPACE.matcher(keyspace).matches()) {
            throw new SchemaMigrationException("keyspace name '" + keyspace + "' must be 1-48 letters, digits or"
                    + " '_', starting with a letter (set spring.cassandra.keyspace-name)");
        }
        this.session = session;
        this.keyspace = keyspace;
        this.properties = properties;
        this.instanceId = instanceId;
        this.clock = clock;
        this.ledger = new MigrationLedger(session, keyspace, properties.statementTimeout());
    }

    SchemaMigrationResult migrate(List<CqlMigration> migrations) {
        List<CqlMigration> ordered = CqlMigrationLoader.ordered(migrations);
        Map<String, String> placeholders = Map.of("keyspace", keyspace, "replication", properties.replication().toCql());
        if (!ledger.exists()) {
            // V1 is idempotent (checked by the loader): instances starting together may all run it.
            log.info("Creating keyspace {} with {}", keyspace, ordered.get(0));
            execute(ordered.get(0), placeholders);
            if (!ledger.exists()) {
                throw new SchemaMigrationException(ordered.get(0) + " did not create " + ledger.table());
            }
        }
        Map<Integer, LedgerEntry> recorded = ledger.entries();
        for (CqlMigration migration : ordered) {
            LedgerEntry entry = recorded.get(migration.version());
            if (entry != null && entry.applied()) {
                verifyChecksum(migration, entry);
            }
        }
        warnAboutUnknown(ordered, recorded);
        List<Integer> applied = new ArrayList<>();
        for (CqlMigration migration : ordered) {
            LedgerEntry entry = recorded.get(migration.version());
            if ((entry == null || !entry.applied()) && applyOnce(migration, placeholders)) {
                applied.add(migration.version());
            }
        }
        int version = ordered.get(ordered.size() - 1).version();
        log.info("Keyspace {} is at schema version {} ({} applied now)", keyspace, version, applied.size());
        return new SchemaMigrationResult(keyspace, applied, version);
    }

    /** Applies the migration if this instance wins its claim, else waits for the winner. */
    private boolean applyOnce(CqlMigration migration, Map<String, String> placeholders) {
        Instant deadline = clock.instant().plus(properties.claimTimeout());
        while (true) {
            if (ledger.claim(migration, instanceId, clock.instant())) {
                log.info("Applying {} to keyspace {}", migration, keyspace);
                try {
                    execute(migration, placeholders);
                } catch (RuntimeException e) {
                    ledger.release(migration.version(), instanceId);
                    throw e;
                }
                ledger.complete(migration.version(), instanceId, clock.instant());
                return true;
            }
            Optional<LedgerEntry> entry = ledger.entry(migration.version());
            if (entry.isPresent() && entry.get().applied()) {
                verifyChecksum(migration, entry.get());
                return false;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new SchemaMigrationException(migration + " was claimed by " + entry.map(LedgerEntry::appliedBy)
                        .orElse("another instance") + " but is still not applied after " + properties.claimTimeout()
                        + ". If that instance died while applying it, check the keyspace, then remove the claim: DELETE FROM "
                        + ledger.table() + " WHERE version = " + migration.version());
            }
            sleep();
        }
    }

    private void execute(CqlMigration migration, Map<String, String> placeholders) {
        List<String> statements = migration.resolve(placeholders);
        for (int i = 0; i < statements.size(); i++) {
            String cql = statements.get(i);
            try {
                ResultSet result = session.execute(SimpleStatement.newInstance(cql).setTimeout(properties.statementTimeout()));
                if (!result.getExecutionInfo().isSchemaInAgreement()) {
                    log.warn("Schema not yet in agreement across nodes after statement {} of {}", i + 1, migration);
                }
            } catch (RuntimeException e) {
                throw new SchemaMigrationException("statement " + (i + 1) + " of " + migration + " failed on keyspace "
                        + keyspace + ": " + e.getMessage() + "\n" + cql, e);
            }
        }
    }

    private void verifyChecksum(CqlMigration migration, LedgerEntry entry) {
        if (!migration.checksum().equals(entry.checksum())) {
            throw new SchemaMigrationException(migration + " was applied to keyspace " + keyspace + " with checksum "
                    + entry.checksum() + " but the file now has checksum " + migration.checksum()
                    + ". An applied migration must never change: restore the file and add a new V<n> file instead.");
        }
    }

    /** A newer release may already have applied later versions during a rolling update: not an error. */
    private void warnAboutUnknown(List<CqlMigration> ordered, Map<Integer, LedgerEntry> recorded) {
        int latest = ordered.get(ordered.size() - 1).version();
        recorded.keySet().stream().filter(version -> ordered.stream().noneMatch(m -> m.version() == version))
                .forEach(version -> log.warn("Keyspace {} has V{} recorded, which this build does not know{}",
                        keyspace, version, version > latest ? " (applied by a newer release?)" : ""));
    }

    private void sleep() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaMigrationException("interrupted while waiting for another instance's migration", e);
        }
    }
}
