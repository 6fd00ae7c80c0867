package io.chatserver.messageservice;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Messaging settings ({@code chat.messaging.*}).
 *
 * @param maxBodyBytes largest message body accepted; the WebSocket frame limit must leave room for it
 * @param inboxTtl how long an undelivered message or receipt waits for its device (A4: 30 days)
 * @param retention {@code relay} deletes a message once every device acknowledged it (WhatsApp);
 *                  {@code history} also keeps every message per conversation (Messenger)
 * @param maxPageSize most inbox entries one page request returns
 * @param maxAckIds most ids one acknowledgement may carry
 * @param maxSendAttempts tries to claim the next seq when senders in one conversation race
 * @param userServiceUrl user-service, asked for each user's devices
 * @param groupServiceUrl group-service, asked for a group's members on each group send
 * @param assetServiceUrl asset-service, asked to let the recipients fetch a message's attachments
 * @param callTimeout timeout of each call to user-service, and of each wake-up push (registry lookup
 *                    and publish in Redis)
 * @param maxPendingPushes wake-ups in flight; beyond it they are skipped (devices still find the entry
 *                         on their next inbox read) and counted
 * @param maxSendsInFlight sends this instance stores at once; beyond it a send is refused with the
 *                         retryable 2004 before anything is written, rather than queueing without bound
 * @param deviceListCacheSize users whose device lists are kept in memory (checked against their
 *                            version tag in Redis on every send)
 * @param deviceListMaxAge longest a kept list is used, a backstop for a change whose tag was never set
 */
@Validated
@ConfigurationProperties("chat.messaging")
public record MessagingProperties(
        @DefaultValue("65536") @Min(1) @Max(1_048_576) int maxBodyBytes,
        @DefaultValue("30d") @NotNull Duration inboxTtl,
        @DefaultValue("relay") @NotNull Retention retention,
        @DefaultValue("100") @Min(1) @Max(1000) int maxPageSize,
        @DefaultValue("500") @Min(1) @Max(5000) int maxAckIds,
        @DefaultValue("10") @Min(1) @Max(100) int maxSendAttempts,
        @DefaultValue("http://127.0.0.1:8081") @NotNull URI userServiceUrl,
        @DefaultValue("http://127.0.0.1:8084") @NotNull URI groupServiceUrl,
        @DefaultValue("http://127.0.0.1:8086") @NotNull URI assetServiceUrl,
        @DefaultValue("2s") @NotNull Duration callTimeout,
        @DefaultValue("4096") @Min(1) int maxPendingPushes,
        @DefaultValue("2048") @Min(1) int maxSendsInFlight,
        @DefaultValue("100000") @Min(0) int deviceListCacheSize,
        @DefaultValue("10m") @NotNull Duration deviceListMaxAge) {

    public enum Retention { RELAY, HISTORY }

    public int inboxTtlSeconds() {
        return Math.toIntExact(inboxTtl.toSeconds());
    }
}
