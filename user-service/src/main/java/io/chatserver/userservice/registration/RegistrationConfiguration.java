package io.chatserver.userservice.registration;

import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.platform.devices.DeviceListVersions;
import io.chatserver.platform.security.DeviceGenerations;
import io.chatserver.userservice.account.AccountStore;
import io.chatserver.userservice.account.DeviceSecrets;
import io.micrometer.core.instrument.MeterRegistry;
import io.chatserver.userservice.token.TokenIssuer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.security.SecureRandom;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class RegistrationConfiguration {

    @Bean
    CodeHasher codeHasher(RegistrationProperties properties) {
        return new CodeHasher(properties.codePepper());
    }

    @Bean
    CodeStore codeStore(ReactiveStringRedisTemplate redis, RegistrationProperties properties) {
        return new CodeStore(redis, properties);
    }

    @Bean
    CodeIssuer codeIssuer(PhoneNumbers phoneNumbers, CodeHasher hasher, CodeStore store, SmsSender sms,
            RegistrationProperties properties, Clock clock, MeterRegistry meters) {
        return new CodeIssuer(phoneNumbers, new CodeGenerator(new SecureRandom()), hasher, store, sms,
                properties, clock, meters);
    }

    @Bean
    WsManagerClient wsManagerClient(WsManagerProperties properties, MeterRegistry meters) {
        // A plain builder: the mirror lacks Boot 4.1.1's spring-boot-webclient module (auto-configured builder).
        return new WsManagerClient(InternalWebClients.builder("ws-manager"), properties, meters);
    }

    @Bean
    PhoneVerifier phoneVerifier(PhoneNumbers phoneNumbers, CodeHasher hasher, CodeStore codes, AccountStore accounts,
            DeviceSecrets secrets, DeviceGenerations generations, DeviceListVersions deviceLists,
            WsManagerClient wsManager, RegistrationProperties properties, Clock clock, MeterRegistry meters) {
        return new PhoneVerifier(phoneNumbers, hasher, codes, accounts, secrets, generations, deviceLists,
                wsManager, properties, clock, meters);
    }

    @Bean
    @ConditionalOnProperty(prefix = "chat.registration", name = "seeding-enabled", havingValue = "true")
    AccountSeeder accountSeeder(PhoneNumbers phoneNumbers, AccountStore accounts, DeviceSecrets secrets,
            DeviceGenerations generations, DeviceListVersions deviceLists, TokenIssuer tokens) {
        return new AccountSeeder(phoneNumbers, accounts, secrets, generations, deviceLists, tokens);
    }
}
