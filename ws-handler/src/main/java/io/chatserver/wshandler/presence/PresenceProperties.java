package io.chatserver.wshandler.presence;

import io.chatserver.platform.presence.PresenceKeys;
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
 * Presence subscriptions on this handler ({@code chat.ws-handler.presence.*}).
 *
 * @param lastseenServiceUrl base URL of lastseen-service, which decides what a watcher may see
 * @param callTimeout how long a call to lastseen-service may take, once made, before the client gets 1603
 * @param callsInFlight calls to lastseen-service this instance makes at once; the others wait their
 *                      turn here, their timeout not started (a reconnect storm's subscriptions would
 *                      otherwise time out in the HTTP pool and come back as retries)
 * @param maxUsers users one connection may watch at once; more is refused with 1602
 * @param subscribeRatePerSecond sustained SubscribePresence frames per connection; beyond the burst, 1006
 * @param subscribeBurst SubscribePresence frames a connection may send at once
 * @param keyPrefix prefix of the watcher sets in Redis (tests use their own)
 * @param refreshInterval how often this handler writes its watcher set entries again (they expire
 *                        after watcherTtl, so a handler that died leaves nothing behind for long)
 * @param watcherTtl how long a watcher set lives without a refresh
 */
@Validated
@ConfigurationProperties("chat.ws-handler.presence")
public record PresenceProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8085") URI lastseenServiceUrl,
        @NotNull @DefaultValue("3s") Duration callTimeout,
        @Min(1) @Max(1000) @DefaultValue("16") int callsInFlight,
        @Min(1) @Max(1000) @DefaultValue("100") int maxUsers,
        @Min(1) @DefaultValue("1") int subscribeRatePerSecond,
        @Min(1) @DefaultValue("5") int subscribeBurst,
        @NotBlank @DefaultValue(PresenceKeys.DEFAULT_PREFIX) String keyPrefix,
        @NotNull @DefaultValue("60s") Duration refreshInterval,
        @NotNull @DefaultValue("10m") Duration watcherTtl) {
}
