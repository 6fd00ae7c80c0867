package io.chatserver.messageservice.schema;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CqlMigrationLoaderTest {

    private static final String V1 = "CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = ${replication};";

    private static CqlMigration migration(int version, String cql) {
        return CqlMigration.parse("V" + version + "__step.cql", cql);
    }

    @Test
    void ordersNumericallyNotAlphabetically() {
        List<CqlMigration> ordered = CqlMigrationLoader.ordered(List.of(
                migration(10, "SELECT 10 FROM t;"), migration(2, "SELECT 2 FROM t;"), migration(1, V1)));

        assertThat(ordered).extracting(CqlMigration::version).containsExactly(1, 2, 10);
    }

    @Test
    void duplicateVersionsAreRefused() {
        assertThatThrownBy(() -> CqlMigrationLoader.ordered(List.of(migration(1, V1),
                migration(2, "SELECT 1 FROM t;"), CqlMigration.parse("V2__other.cql", "SELECT 2 FROM t;"))))
                .isInstanceOf(SchemaMigrationException.class).hasMessageContaining("share version 2");
    }

    @Test
    void theSequenceMustStartWithAnIdempotentV1() {
        assertThatThrownBy(() -> CqlMigrationLoader.ordered(List.of(migration(2, "SELECT 1 FROM t;"))))
                .isInstanceOf(SchemaMigrationException.class).hasMessageContaining("must start with V1");
        assertThatThrownBy(() -> CqlMigrationLoader.ordered(List.of()))
                .isInstanceOf(SchemaMigrationException.class).hasMessageContaining("must start with V1");
        assertThatThrownBy(() -> CqlMigrationLoader.ordered(List.of(migration(1, "CREATE TABLE k.t (x int PRIMARY KEY);"))))
                .isInstanceOf(SchemaMigrationException.class).hasMessageContaining("IF NOT EXISTS");
    }

    @Test
    void theShippedMigrationsStartWithTheKeyspaceAndLedger() {
        List<CqlMigration> shipped = CqlMigrationLoader.load(new PathMatchingResourcePatternResolver(), "classpath:db/cql");

        CqlMigration v1 = shipped.get(0);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.description()).isEqualTo("keyspace");
        assertThat(v1.idempotent()).isTrue();
        assertThat(v1.statements()).hasSize(2);
        assertThat(v1.statements().get(0)).startsWith("CREATE KEYSPACE IF NOT EXISTS ${keyspace}");
        assertThat(v1.statements().get(1)).contains("${keyspace}." + MigrationLedger.TABLE)
                .contains("checksum", "applied_at").doesNotContain("--");
    }

    @Test
    void aLocationWithoutFilesIsRefused() {
        assertThatThrownBy(() -> CqlMigrationLoader.load(new PathMatchingResourcePatternResolver(), "classpath:db/nowhere"))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("no CQL migrations found at classpath:db/nowhere/*.cql");
    }
}
