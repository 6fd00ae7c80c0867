package io.chatserver.platform.queue;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Every service gets a {@link QueueMonitor} to register its queues with, and the "queues" health. */
@AutoConfiguration
@EnableConfigurationProperties(QueueAlertProperties.class)
public class QueueAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    QueueMonitor queueMonitor(MeterRegistry meters, QueueAlertProperties properties) {
        return new QueueMonitor(meters, properties);
    }

    @Bean
    QueueHealthIndicator queuesHealthIndicator(QueueMonitor monitor) {
        return new QueueHealthIndicator(monitor);
    }
}
