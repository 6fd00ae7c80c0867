package io.chatserver.messageservice.schema;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import io.chatserver.platform.runtime.ChatInstanceProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

import java.time.Clock;
import java.util.List;

/**
 * Orders startup so that the migrations run first, on a short-lived session bound to no keyspace,
 * and only then the application's session is built and bound to {@code spring.cassandra.keyspace-name}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CassandraSchemaProperties.class)
class CassandraSchemaConfiguration {

    @Bean
    SchemaMigrationResult cassandraSchema(ObjectProvider<CqlSessionBuilder> builders, CassandraProperties cassandra,
            CassandraSchemaProperties properties, ChatInstanceProperties instance, Clock clock,
            ResourceLoader resourceLoader) {
        List<CqlMigration> migrations = CqlMigrationLoader.load(
                ResourcePatternUtils.getResourcePatternResolver(resourceLoader), properties.location());
        // Boot's builder bean is a prototype: this one gets its own instance, unbound from the keyspace.
        try (CqlSession session = builders.getObject().withKeyspace((CqlIdentifier) null).build()) {
            return new SchemaMigrator(session, cassandra.getKeyspaceName(), properties, instance.instanceId(), clock)
                    .migrate(migrations);
        }
    }

    /** Replaces Boot's session bean only to depend on the applied schema; built the same way. */
    @Bean
    CqlSession cassandraSession(CqlSessionBuilder builder, SchemaMigrationResult schema) {
        return builder.build();
    }
}
