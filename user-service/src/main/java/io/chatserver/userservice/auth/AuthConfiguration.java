package io.chatserver.userservice.auth;

import io.chatserver.platform.security.DeviceGenerations;
import io.chatserver.userservice.account.AccountStore;
import io.chatserver.userservice.account.DeviceSecrets;
import io.chatserver.userservice.token.TokenIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    CredentialFailures credentialFailures(ReactiveStringRedisTemplate redis, AuthProperties properties, Clock clock) {
        return new CredentialFailures(redis, properties, clock);
    }

    @Bean
    CredentialExchange credentialExchange(AccountStore accounts, DeviceSecrets secrets, DeviceGenerations generations,
            CredentialFailures failures, TokenIssuer issuer, MeterRegistry meters) {
        return new CredentialExchange(accounts, secrets, generations, failures, issuer, meters);
    }
}
