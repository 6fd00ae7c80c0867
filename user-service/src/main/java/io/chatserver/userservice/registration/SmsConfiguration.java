package io.chatserver.userservice.registration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "chat.registration", name = "test-hook-enabled", havingValue = "true")
    SentCodes sentCodes(ReactiveStringRedisTemplate redis, RegistrationProperties properties) {
        return new SentCodes(redis, properties.codeTtl());
    }

    /** Logs codes; with the test hook on, also remembers the last one per number. */
    @Bean
    SmsSender smsSender(ObjectProvider<SentCodes> sentCodes, Clock clock) {
        SmsSender logging = new LoggingSmsSender();
        SentCodes hook = sentCodes.getIfAvailable();
        if (hook == null) {
            return logging;
        }
        return (e164, code) -> hook.remember(e164, code, clock.instant()).then(logging.sendCode(e164, code));
    }
}
