package io.chatserver.messageservice.schema;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CqlMigrationTest {

    private static final String SCRIPT = "CREATE TABLE IF NOT EXISTS ${keyspace}.inbox (id int PRIMARY KEY);\n";

    @Test
    void versionAndDescriptionComeFromTheFileName() {
        CqlMigration migration = CqlMigration.parse("V12__inbox_by_user.cql", SCRIPT);

        assertThat(migration.version()).isEqualTo(12);
        assertThat(migration.description()).isEqualTo("inbox by user");
        assertThat(migration.statements()).containsExactly("CREATE TABLE IF NOT EXISTS ${keyspace}.inbox (id int PRIMARY KEY)");
        assertThat(migration).hasToString("V12 (inbox by user)");
    }

    @Test
    void malformedFileNamesAreRefused() {
        for (String name : new String[] {"v1__lower.cql", "V0__zero.cql", "V1_single.cql", "V1__x.sql", "V01__lead.cql",
                "V1__.cql", "inbox.cql"}) {
            assertThatThrownBy(() -> CqlMigration.parse(name, SCRIPT)).as(name)
                    .isInstanceOf(SchemaMigrationException.class).hasMessageContaining(name);
        }
    }

    @Test
    void aFileWithoutStatementsIsRefused() {
        assertThatThrownBy(() -> CqlMigration.parse("V2__empty.cql", "-- nothing yet\n"))
                .isInstanceOf(SchemaMigrationException.class).hasMessageContaining("no statements");
    }

    @Test
    void checksumIsSha256OfTheTextAndIgnoresLineEndingStyle() {
        String unix = "CREATE TABLE t (x int PRIMARY KEY);\n-- note\n";
        String windows = unix.replace("\n", "\r\n");

        assertThat(CqlMigration.checksumOf(unix)).hasSize(64).isEqualTo(CqlMigration.checksumOf(windows));
        assertThat(CqlMigration.checksumOf("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void anyEditChangesTheChecksumEvenInAComment() {
        assertThat(CqlMigration.checksumOf(SCRIPT)).isNotEqualTo(CqlMigration.checksumOf(SCRIPT + "-- edited\n"));
    }

    @Test
    void placeholdersAreResolvedAndUnknownOnesRefused() {
        CqlMigration migration = CqlMigration.parse("V1__keyspace.cql",
                "CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = ${replication};");

        assertThat(migration.resolve(Map.of("keyspace", "ks", "replication", "{'class': 'SimpleStrategy', 'replication_factor': 1}")))
                .containsExactly("CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThatThrownBy(() -> migration.resolve(Map.of("keyspace", "ks")))
                .isInstanceOf(SchemaMigrationException.class).hasMessageContaining("${replication}");
    }

    @Test
    void idempotentOnlyWhenEveryStatementIsCreateIfNotExists() {
        assertThat(CqlMigration.parse("V1__a.cql", "create keyspace if not exists k with replication = {};\n"
                + "CREATE TABLE IF NOT EXISTS k.t (x int PRIMARY KEY);").idempotent()).isTrue();
        assertThat(CqlMigration.parse("V1__a.cql", "CREATE TABLE IF NOT EXISTS k.t (x int PRIMARY KEY);"
                + "CREATE TABLE k.u (x int PRIMARY KEY);").idempotent()).isFalse();
        assertThat(CqlMigration.parse("V1__a.cql", "DROP TABLE IF EXISTS k.t;").idempotent()).isFalse();
    }
}
