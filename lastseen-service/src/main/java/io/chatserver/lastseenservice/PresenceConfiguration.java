package io.chatserver.lastseenservice;

import io.chatserver.lastseenservice.lastseen.LastSeenStore;
import io.chatserver.platform.jdbc.BlockingDatabase;
import io.chatserver.platform.presence.PresenceKeys;
import io.chatserver.platform.registry.RegistryKeys;
import io.chatserver.platform.registry.RegistryLookup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;

/** The registry this service reads online status and presence changes from, and its own Redis keys. */
@Configuration(proxyBeanMethods = false)
class PresenceConfiguration {

    @Bean
    RegistryKeys registryKeys(PresenceProperties properties) {
        return new RegistryKeys(properties.registryPrefix());
    }

    @Bean
    RegistryLookup registryLookup(ReactiveStringRedisTemplate redis, Clock clock, RegistryKeys keys) {
        return new RegistryLookup(redis, clock, keys);
    }

    /**
     * A batch of contact events that could not be written (MySQL away) is read again, backing off up
     * to 10 s, for as long as it takes: never skipped, so no contact from a message is lost.
     */
    @Bean
    CommonErrorHandler contactEventsErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    PresenceKeys presenceKeys(PresenceProperties properties) {
        return new PresenceKeys(properties.keyPrefix());
    }

    @Bean
    LastSeenStore lastSeenStore(ReactiveStringRedisTemplate redis, BlockingDatabase db, PresenceKeys keys) {
        return new LastSeenStore(redis, db, keys.lastSeen);
    }
}
