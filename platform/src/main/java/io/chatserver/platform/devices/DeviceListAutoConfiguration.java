package io.chatserver.platform.devices;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Every service can read (and user-service set) the version tags of users' device lists. */
@AutoConfiguration(after = DataRedisReactiveAutoConfiguration.class)
public class DeviceListAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeviceListVersions deviceListVersions(ReactiveStringRedisTemplate redis) {
        return new DeviceListVersions(redis);
    }
}
