package io.chatserver.messageservice.schema;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CassandraSchemaPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CassandraSchemaProperties.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

    @Test
    void defaultsRunAgainstTheLocalSingleNode() {
        runner.run(context -> {
            CassandraSchemaProperties properties = context.getBean(CassandraSchemaProperties.class);
            assertThat(properties.location()).isEqualTo("classpath:db/cql");
            assertThat(properties.claimTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(properties.replication().toCql())
                    .isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 1}");
        });
    }

    @Test
    void productionUsesNetworkTopologyPerDatacenter() {
        runner.withPropertyValues("chat.cassandra.schema.replication.strategy=NetworkTopologyStrategy",
                        "chat.cassandra.schema.replication.datacenters.eu-west=3",
                        "chat.cassandra.schema.replication.datacenters.ap-south=2")
                .run(context -> assertThat(context.getBean(CassandraSchemaProperties.class).replication().toCql())
                        .isEqualTo("{'class': 'NetworkTopologyStrategy', 'ap-south': 2, 'eu-west': 3}"));
    }

    @Test
    void networkTopologyWithoutDatacentersFailsStartup() {
        runner.withPropertyValues("chat.cassandra.schema.replication.strategy=NetworkTopologyStrategy")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("NetworkTopologyStrategy needs datacenters"));
    }

    @Test
    void aDatacenterNameThatCouldBreakTheCqlIsRefused() {
        runner.withPropertyValues("chat.cassandra.schema.replication.strategy=NetworkTopologyStrategy",
                        "chat.cassandra.schema.replication.datacenters[dc1'}]=3")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void zeroReplicasIsRefused() {
        runner.withPropertyValues("chat.cassandra.schema.replication.replication-factor=0")
                .run(context -> assertThat(context).hasFailed());
    }
}
