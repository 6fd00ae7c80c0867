package io.chatserver.platform.registry;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.time.Clock;

/** Every service can look up where a device is connected and send its handler a command. */
@AutoConfiguration(after = DataRedisReactiveAutoConfiguration.class)
public class RegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RegistryLookup registryLookup(ReactiveStringRedisTemplate redis, Clock clock) {
        return new RegistryLookup(redis, clock, new RegistryKeys(RegistryKeys.DEFAULT_PREFIX));
    }

    @Bean
    @ConditionalOnMissingBean
    HandlerCommands handlerCommands(ReactiveRedisConnectionFactory connections, MeterRegistry meters) {
        return new HandlerCommands(connections, meters);
    }
}
