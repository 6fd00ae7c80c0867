package io.chatserver.wshandler;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the WebSocket handler.
 *
 * @param wsManagerUrl base URL of ws-manager (the session registry)
 * @param heartbeatInterval how often the server sends a WebSocket ping on every connection
 * @param idleTimeout a connection with no inbound frame (pongs included) for this long is closed (4408)
 * @param frameTimeout a frame still being handled after this is answered with 1008 and the next one is read; below
 *                     idleTimeout, since a connection's frames (pongs too) wait while one is handled
 * @param outboundQueueSize frames queued per connection before it is closed as a slow consumer (4429)
 * @param maxFrameBytes largest inbound frame payload: a 64 KiB body is 85.4 KiB as base64 in a JSON frame, plus the
 *                      envelope; larger closes with 1009
 * @param registryTimeout how long a call to ws-manager may take
 * @param leaseRenewInterval how often this instance renews its lease at ws-manager (the TTL is ws-manager's)
 * @param reconcileInterval how often the full list of sessions is sent to ws-manager to heal lost updates
 * @param goAwayGrace after a GoingAway frame, how long the client gets to read its queue before the close
 * @param shutdownGrace on shutdown, how long to wait for connections to close before stopping anyway
 */
@Validated
@ConfigurationProperties("chat.ws-handler")
public record WsHandlerProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8082") URI wsManagerUrl,
        @NotNull @DefaultValue("20s") Duration heartbeatInterval,
        @NotNull @DefaultValue("60s") Duration idleTimeout,
        @NotNull @DefaultValue("30s") Duration frameTimeout,
        @Min(1) @Max(1_000_000) @DefaultValue("2048") int outboundQueueSize,
        @Min(1024) @Max(16 * 1024 * 1024) @DefaultValue("98304") int maxFrameBytes,
        @NotNull @DefaultValue("2s") Duration registryTimeout,
        @NotNull @DefaultValue("5s") Duration leaseRenewInterval,
        @NotNull @DefaultValue("60s") Duration reconcileInterval,
        @NotNull @DefaultValue("2s") Duration goAwayGrace,
        @NotNull @DefaultValue("10s") Duration shutdownGrace) {
}
