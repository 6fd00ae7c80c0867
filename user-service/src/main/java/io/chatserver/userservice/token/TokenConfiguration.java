package io.chatserver.userservice.token;

import io.chatserver.platform.security.ChatSecurityProperties;
import io.chatserver.platform.jdbc.BlockingDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    SigningKeyStore signingKeyStore(BlockingDatabase database, TokenProperties properties, Clock clock) {
        return new SigningKeyStore(database, properties, clock);
    }

    @Bean
    SigningKeys signingKeys(SigningKeyStore store, TokenProperties tokens, ChatSecurityProperties security, Clock clock) {
        return new SigningKeys(store, tokens, security, clock);
    }

    @Bean
    SigningKeyMaintenance signingKeyMaintenance(SigningKeyStore store, SigningKeys keys, TokenProperties properties,
            MeterRegistry meters) {
        return new SigningKeyMaintenance(store, keys, properties, meters);
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKeys keys, TokenProperties tokens, ChatSecurityProperties security, Clock clock,
            MeterRegistry meters) {
        return new TokenIssuer(keys, tokens, security, clock, meters);
    }

    /**
     * Replaces the platform's decoder, which would fetch this service's own JWKS over HTTP: the same
     * checks (RS256, issuer, audience, timestamps with the clock and skew) against the keys in memory.
     * The platform's AccessTokenVerifier keeps adding the generation check in Redis.
     */
    @Bean
    ReactiveJwtDecoder accessTokenDecoder(SigningKeys keys, ChatSecurityProperties security, Clock clock) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Flux.fromIterable(keys.published()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(security.clockSkew());
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtIssuerValidator(security.issuer()), new JwtAudienceValidator(security.audience())));
        return decoder;
    }
}
