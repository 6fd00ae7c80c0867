package io.chatserver.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every service is a resource server: it verifies access tokens locally against user-service's
 * JWKS (fetched and cached by Spring Security), and checks the device generation in Redis.
 */
@AutoConfiguration(after = DataRedisReactiveAutoConfiguration.class,
        before = {ReactiveOAuth2ResourceServerAutoConfiguration.class,
                ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration.class})
@EnableConfigurationProperties(ChatSecurityProperties.class)
public class ChatSecurityAutoConfiguration {

    private static final List<String> ALWAYS_PUBLIC = List.of(
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus");

    @Bean
    @ConditionalOnMissingBean
    DeviceGenerations deviceGenerations(ReactiveStringRedisTemplate redis) {
        return new DeviceGenerations(redis);
    }

    @Bean
    RedisWarmUp redisWarmUp(ReactiveStringRedisTemplate redis) {
        return new RedisWarmUp(redis);
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder accessTokenDecoder(ChatSecurityProperties properties, Clock clock) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(AccessTokenValidation.validator(properties, clock));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    AccessTokenVerifier accessTokenVerifier(ReactiveJwtDecoder decoder, DeviceGenerations generations) {
        return new AccessTokenVerifier(decoder, generations);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain chatSecurityFilterChain(ServerHttpSecurity http, AccessTokenVerifier verifier,
            ChatSecurityProperties properties) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        ReactiveAuthenticationManager tokens = authentication -> {
            String token = (String) authentication.getCredentials();
            return verifier.verify(token).map(device -> new DeviceAuthentication(device, token));
        };
        AuthenticationWebFilter bearer = new AuthenticationWebFilter(tokens);
        bearer.setServerAuthenticationConverter(new ServerBearerTokenAuthenticationConverter());
        // Public paths never look at a token: a stale one must not turn them into 401s, and ws-handler
        // verifies its own so it can refuse with WebSocket close codes.
        bearer.setRequiresAuthenticationMatcher(new NegatedServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(publicPaths(properties))));
        bearer.setAuthenticationFailureHandler((exchange, failure) -> entryPoint.commence(exchange.getExchange(), failure));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(publicPaths(properties)).permitAll()
                        .anyExchange().authenticated())
                .build();
    }

    private static String[] publicPaths(ChatSecurityProperties properties) {
        return Stream.concat(ALWAYS_PUBLIC.stream(), properties.publicPaths().stream()).toArray(String[]::new);
    }
}
