package io.chatserver.lastseenservice;

import io.chatserver.lastseenservice.privacy.Visibility;
import io.chatserver.platform.presence.PresenceKeys;
import io.chatserver.platform.registry.RegistryKeys;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Presence, last seen and privacy (A7, R13, R38).
 *
 * @param defaultVisibility who sees a user's online status and last seen before they choose
 * @param maxContacts contacts a user may save
 * @param userServiceUrl where user-service answers which user ids are accounts
 * @param userLookupTimeout how long a request waits for that answer
 * @param changesBatch presence changes read from the registry's stream per read
 * @param changesIdlePoll how long the reader waits before reading again when the stream had nothing new
 * @param claimAfter how long an entry another instance read stays unacknowledged before this one takes
 *                   it over (that instance is taken to be gone)
 * @param registryPrefix the session registry's key prefix (ws-manager's; tests use their own)
 * @param keyPrefix the prefix of last seen and of the watcher sets in Redis (tests use their own)
 * @param publishInterval at most one presence change per user is pushed to watchers in this time; the
 *                        changes in between are coalesced into the state at its end (a user whose
 *                        connection flaps costs watchers one update a second, not one per flap)
 */
@Validated
@ConfigurationProperties("chat.presence")
public record PresenceProperties(
        @NotNull @DefaultValue("CONTACTS") Visibility defaultVisibility,
        @Min(1) @Max(100_000) @DefaultValue("5000") int maxContacts,
        @NotNull @DefaultValue("http://127.0.0.1:8081") URI userServiceUrl,
        @NotNull @DefaultValue("3s") Duration userLookupTimeout,
        @Min(1) @Max(10_000) @DefaultValue("500") int changesBatch,
        @NotNull @DefaultValue("200ms") Duration changesIdlePoll,
        @NotNull @DefaultValue("60s") Duration claimAfter,
        @NotBlank @DefaultValue(RegistryKeys.DEFAULT_PREFIX) String registryPrefix,
        @NotBlank @DefaultValue(PresenceKeys.DEFAULT_PREFIX) String keyPrefix,
        @NotNull @DefaultValue("1s") Duration publishInterval) {
}
