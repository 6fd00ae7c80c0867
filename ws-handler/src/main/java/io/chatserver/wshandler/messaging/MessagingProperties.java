package io.chatserver.wshandler.messaging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * How this handler moves messages ({@code chat.ws-handler.messaging.*}).
 *
 * @param messageServiceUrl base URL of message-service
 * @param callTimeout how long one call to message-service may take before the client gets 2004
 * @param sendRatePerSecond sustained SendMessage frames per connection; beyond the burst, 1006
 * @param sendBurst SendMessage frames a connection may send at once
 * @param deliveryWindow messages and receipts sent to a device and not yet acknowledged; at the
 *                       limit the handler waits for acks (keeps a slow device from flooding its queue)
 * @param pageSize inbox entries asked for per read
 * @param inboxReadsInFlight inbox reads this instance makes at once; the others wait their turn (a
 *                           connect storm's reads would otherwise time out in the HTTP pool, and be
 *                           made again)
 * @param ackPauseAfter an inbox removal call of at least this many acknowledged ids (a device working
 *                      through a backlog) holds the connection's next call back by ackPause
 * @param ackPause how long after a large removal call started the next one may start: it then carries
 *                 more ids, and the senders get fewer DELIVERED receipts (one per conversation and call)
 * @param lateWriteWindow how far back a sweep re-reads the inbox: entries whose store write was
 *                        still under way when the previous read ran
 * @param sweepInterval how often each connection's inbox is read again, catching pushes that were lost
 * @param maxQueuedPushes pushes held while a read is running; beyond it they are dropped and one more
 *                        read is made instead
 */
@Validated
@ConfigurationProperties("chat.ws-handler.messaging")
public record MessagingProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8083") URI messageServiceUrl,
        @NotNull @DefaultValue("5s") Duration callTimeout,
        @Min(1) @DefaultValue("30") int sendRatePerSecond,
        @Min(1) @DefaultValue("60") int sendBurst,
        @Min(1) @Max(5000) @DefaultValue("1000") int deliveryWindow,
        @Min(1) @Max(1000) @DefaultValue("100") int pageSize,
        @Min(1) @Max(1000) @DefaultValue("32") int inboxReadsInFlight,
        @Min(1) @DefaultValue("100") int ackPauseAfter,
        @NotNull @DefaultValue("250ms") Duration ackPause,
        @NotNull @DefaultValue("30s") Duration lateWriteWindow,
        @NotNull @DefaultValue("60s") Duration sweepInterval,
        @Min(1) @DefaultValue("512") int maxQueuedPushes) {
}
