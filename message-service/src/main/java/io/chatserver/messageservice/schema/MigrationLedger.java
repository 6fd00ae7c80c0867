package io.chatserver.messageservice.schema;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code schema_migrations} table of one keyspace. Each version is claimed with a lightweight
 * transaction ({@code INSERT ... IF NOT EXISTS}), so when instances start together exactly one of
 * them applies it and the others wait for {@code applied_at} to appear.
 */
final class MigrationLedger {

    static final String TABLE = "schema_migrations";

    private final CqlSession session;
    private final String table;
    private final String keyspace;
    private final Duration timeout;

    MigrationLedger(CqlSession session, String keyspace, Duration timeout) {
        this.session = session;
        this.keyspace = keyspace;
        this.table = keyspace + "." + TABLE;
        this.timeout = timeout;
    }

    String table() {
        return table;
    }

    /** Asks the coordinator's schema tables, not the driver's metadata, which may lag behind. */
    boolean exists() {
        return session.execute(statement("SELECT table_name FROM system_schema.tables"
                + " WHERE keyspace_name = ? AND table_name = ?", keyspace, TABLE)).one() != null;
    }

    Map<Integer, LedgerEntry> entries() {
        Map<Integer, LedgerEntry> entries = new TreeMap<>();
        for (Row row : session.execute(statement("SELECT * FROM " + table))) {
            LedgerEntry entry = entry(row);
            entries.put(entry.version(), entry);
        }
        return entries;
    }

    /** A linearizable read (SERIAL), so a claim or completion that just committed is seen. */
    Optional<LedgerEntry> entry(int version) {
        SimpleStatement read = statement("SELECT * FROM " + table + " WHERE version = ?", version)
                .setConsistencyLevel(ConsistencyLevel.SERIAL);
        return Optional.ofNullable(session.execute(read).one()).map(MigrationLedger::entry);
    }

    /** True when this instance now owns the version and must apply it. */
    boolean claim(CqlMigration migration, String owner, Instant now) {
        return session.execute(statement("INSERT INTO " + table
                        + " (version, description, checksum, applied_by, claimed_at) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS",
                migration.version(), migration.description(), migration.checksum(), owner, now)).wasApplied();
    }

    void complete(int version, String owner, Instant now) {
        ResultSet done = session.execute(statement("UPDATE " + table + " SET applied_at = ? WHERE version = ?"
                + " IF applied_by = ?", now, version, owner));
        if (!done.wasApplied()) {
            throw new SchemaMigrationException("applied V" + version + " but its claim in " + table
                    + " no longer belongs to " + owner + "; check the keyspace by hand");
        }
    }

    /** Gives a failed version back so that a corrected file can be applied on a later start. */
    void release(int version, String owner) {
        session.execute(statement("DELETE FROM " + table + " WHERE version = ? IF applied_by = ?", version, owner));
    }

    private SimpleStatement statement(String cql, Object... values) {
        return SimpleStatement.newInstance(cql, values)
                .setConsistencyLevel(ConsistencyLevel.QUORUM)
                .setSerialConsistencyLevel(ConsistencyLevel.SERIAL)
                .setTimeout(timeout);
    }

    private static LedgerEntry entry(Row row) {
        return new LedgerEntry(row.getInt("version"), row.getString("description"), row.getString("checksum"),
                row.getInstant("applied_at"), row.getString("applied_by"), row.getInstant("claimed_at"));
    }
}
