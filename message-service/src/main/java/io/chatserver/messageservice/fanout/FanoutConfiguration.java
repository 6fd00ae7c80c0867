package io.chatserver.messageservice.fanout;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The fan-out topic (created at startup when missing) and how a failed batch is tried again. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FanoutProperties.class)
class FanoutConfiguration {

    @Bean
    NewTopic groupMessagesTopic(FanoutProperties properties) {
        return TopicBuilder.name(properties.topic()).partitions(properties.partitions())
                .replicas(properties.replicas()).build();
    }

    /**
     * A batch that failed (Cassandra or user-service down) is tried again from its first record,
     * backing off up to 10 s, for as long as it takes: a record is never skipped, so no group
     * message is lost, and the partition's later messages wait behind it, so none overtakes it.
     */
    @Bean
    CommonErrorHandler fanoutErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }
}
