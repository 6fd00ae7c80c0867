package io.chatserver.userservice.registration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class SmsTestHookConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(Collaborators.class, SmsConfiguration.class, SmsTestHookController.class);

    @Test
    void hookIsOffByDefault() {
        contexts.run(context -> {
            assertThat(context).doesNotHaveBean(SmsTestHookController.class).doesNotHaveBean(SentCodes.class);
            assertThat(context.getBean(SmsSender.class)).isInstanceOf(LoggingSmsSender.class);
        });
    }

    @Test
    void hookExistsWhenEnabled() {
        contexts.withPropertyValues("chat.registration.test-hook-enabled=true").run(context -> {
            assertThat(context).hasSingleBean(SmsTestHookController.class).hasSingleBean(SentCodes.class);
            assertThat(context.getBean(SmsSender.class)).isNotInstanceOf(LoggingSmsSender.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RegistrationProperties.class)
    static class Collaborators {

        @Bean
        ReactiveStringRedisTemplate redis() {
            return mock(ReactiveStringRedisTemplate.class);
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        PhoneNumbers phoneNumbers() {
            return new PhoneNumbers();
        }
    }
}
