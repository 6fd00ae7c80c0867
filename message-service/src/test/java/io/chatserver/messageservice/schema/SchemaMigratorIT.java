package io.chatserver.messageservice.schema;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.ActiveProfiles;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CQL migrations against the real Cassandra; throwaway keyspaces are dropped afterwards. */
@RequiresLocalStack({LocalStack.CASSANDRA, LocalStack.KAFKA, LocalStack.REDIS})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient // same context as MessageServiceIT, so the cached one is reused
@ActiveProfiles("test")
class SchemaMigratorIT {

    private static final Duration SLOW_DDL = Duration.ofSeconds(60);

    @Autowired
    CqlSession applicationSession;
    @Autowired
    SchemaMigrationResult startupResult;
    @Autowired
    CassandraSchemaProperties properties;
    @Autowired
    ObjectProvider<CqlSessionBuilder> builders;
    @Autowired
    Clock clock;

    private final List<CqlSession> sessions = new ArrayList<>();
    private final List<String> throwaway = new ArrayList<>();
    private List<CqlMigration> shipped;

    @BeforeEach
    void loadShippedMigrations() {
        shipped = CqlMigrationLoader.load(new PathMatchingResourcePatternResolver(), "classpath:db/cql");
    }

    @AfterEach
    void dropThrowawayKeyspacesAndCloseSessions() {
        for (String keyspace : throwaway) {
            applicationSession.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace).setTimeout(SLOW_DDL));
        }
        sessions.forEach(CqlSession::close);
    }

    @Test
    void startupCreatedTheKeyspaceAndRecordedV1() throws Exception {
        String keyspace = applicationSession.getKeyspace().map(CqlIdentifier::asInternal).orElseThrow();
        assertThat(keyspace).isEqualTo("chat_messages");
        assertThat(startupResult.keyspace()).isEqualTo(keyspace);
        assertThat(startupResult.version()).isEqualTo(latestShipped());

        Row replication = applicationSession.execute(SimpleStatement.newInstance(
                "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)).one();
        assertThat(replication).isNotNull();
        assertThat(replication.getMap("replication", String.class, String.class))
                .containsEntry("class", "org.apache.cassandra.locator.SimpleStrategy")
                .containsEntry("replication_factor", "1");

        String v1File = new ClassPathResource("db/cql/V1__keyspace.cql").getContentAsString(StandardCharsets.UTF_8);
        Row v1 = applicationSession.execute("SELECT * FROM schema_migrations WHERE version = 1").one();
        assertThat(v1).isNotNull();
        assertThat(v1.getString("description")).isEqualTo("keyspace");
        assertThat(v1.getString("checksum")).isEqualTo(CqlMigration.checksumOf(v1File));
        assertThat(v1.getInstant("applied_at")).isNotNull();
        assertThat(v1.getString("applied_by")).isNotBlank();
    }

    @Test
    void aSecondRunAppliesNothing() {
        Row before = applicationSession.execute("SELECT applied_at FROM schema_migrations WHERE version = 1").one();

        SchemaMigrationResult again = migrator("chat_messages", "second-run").migrate(shipped);

        assertThat(again.applied()).isEmpty();
        assertThat(again.version()).isEqualTo(latestShipped());
        Row after = applicationSession.execute("SELECT applied_at FROM schema_migrations WHERE version = 1").one();
        assertThat(after.getInstant("applied_at")).isEqualTo(before.getInstant("applied_at"));
    }

    @Test
    void aChangedChecksumOfAnAppliedFileIsRefused() {
        String keyspace = throwawayKeyspace();
        assertThat(migrator(keyspace, "first").migrate(List.of(shipped.get(0))).applied()).containsExactly(1);

        CqlMigration v1 = shipped.get(0);
        CqlMigration edited = new CqlMigration(1, v1.description(), CqlMigration.checksumOf("edited"), v1.statements());

        assertThatThrownBy(() -> migrator(keyspace, "second").migrate(List.of(edited)))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("V1 (keyspace) was applied to keyspace " + keyspace + " with checksum " + v1.checksum())
                .hasMessageContaining("must never change");
    }

    @Test
    void instancesStartingTogetherApplyEachVersionExactlyOnce() {
        String keyspace = throwawayKeyspace();
        // Not idempotent on purpose: a second application would fail with "already exists".
        List<CqlMigration> migrations = List.of(shipped.get(0),
                CqlMigration.parse("V2__probe.cql", "CREATE TABLE ${keyspace}.probe (id int PRIMARY KEY);"));
        SchemaMigrator a = migrator(keyspace, "instance-a");
        SchemaMigrator b = migrator(keyspace, "instance-b");

        CompletableFuture<SchemaMigrationResult> first = CompletableFuture.supplyAsync(() -> a.migrate(migrations));
        CompletableFuture<SchemaMigrationResult> second = CompletableFuture.supplyAsync(() -> b.migrate(migrations));

        List<Integer> appliedByEither = new ArrayList<>(first.join().applied());
        appliedByEither.addAll(second.join().applied());
        assertThat(appliedByEither).containsExactlyInAnyOrder(1, 2);
        assertThat(first.join().version()).isEqualTo(2);
        assertThat(second.join().version()).isEqualTo(2);
        Row v2 = applicationSession.execute(SimpleStatement.newInstance(
                "SELECT applied_by, applied_at FROM " + keyspace + ".schema_migrations WHERE version = 2")).one();
        assertThat(v2.getString("applied_by")).isIn("instance-a", "instance-b");
        assertThat(v2.getInstant("applied_at")).isNotNull();
    }

    @Test
    void aFailingMigrationReleasesItsClaimSoAFixedFileCanRunLater() {
        String keyspace = throwawayKeyspace();
        CqlMigration broken = CqlMigration.parse("V2__probe.cql", "CREATE TABLE ${keyspace}.probe (id nosuchtype PRIMARY KEY);");

        assertThatThrownBy(() -> migrator(keyspace, "first").migrate(List.of(shipped.get(0), broken)))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("statement 1 of V2 (probe) failed on keyspace " + keyspace);
        assertThat(applicationSession.execute(SimpleStatement.newInstance(
                "SELECT * FROM " + keyspace + ".schema_migrations WHERE version = 2")).one()).isNull();

        CqlMigration fixed = CqlMigration.parse("V2__probe.cql", "CREATE TABLE ${keyspace}.probe (id int PRIMARY KEY);");
        assertThat(migrator(keyspace, "second").migrate(List.of(shipped.get(0), fixed)).applied()).containsExactly(2);
    }

    private int latestShipped() {
        return shipped.get(shipped.size() - 1).version();
    }

    private String throwawayKeyspace() {
        String keyspace = "schema_it_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        throwaway.add(keyspace);
        return keyspace;
    }

    /** Like another instance: its own session, bound to no keyspace. */
    private SchemaMigrator migrator(String keyspace, String instanceId) {
        CqlSession session = builders.getObject().withKeyspace((CqlIdentifier) null).build();
        sessions.add(session);
        return new SchemaMigrator(session, keyspace, properties, instanceId, clock);
    }
}
