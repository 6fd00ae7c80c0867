package io.chatserver.groupservice.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Groups (A6, R5).
 *
 * @param maxMembers members a group may have, the creator included (R5: 256)
 * @param userServiceUrl where user-service answers which user ids exist
 * @param userLookupTimeout how long an add waits for that answer before failing with 2108
 * @param cacheTtl how long a group's cached members live in Redis without a change; bounds how long
 *                 a cache write lost to a Redis fault can leave a stale list behind
 */
@Validated
@ConfigurationProperties("chat.groups")
public record GroupsProperties(
        @Min(2) @Max(100_000) @DefaultValue("256") int maxMembers,
        @NotNull @DefaultValue("http://127.0.0.1:8081") URI userServiceUrl,
        @NotNull @DefaultValue("3s") Duration userLookupTimeout,
        @NotNull @DefaultValue("10m") Duration cacheTtl) {
}
