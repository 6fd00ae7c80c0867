package io.chatserver.groupservice.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Registers the broker check as health component {@code kafka}, part of the readiness group. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaHealthProperties.class)
class KafkaHealthConfiguration {

    @Bean
    KafkaBrokerHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaHealthProperties properties) {
        // Same connection settings as Boot's KafkaAdmin (spring.kafka.bootstrap-servers, spring.kafka.admin.*).
        return new KafkaBrokerHealthIndicator(Admin.create(kafkaAdmin.getConfigurationProperties()), properties.timeout());
    }
}
