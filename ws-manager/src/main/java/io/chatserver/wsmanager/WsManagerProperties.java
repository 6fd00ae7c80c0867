package io.chatserver.wsmanager;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the session registry.
 *
 * @param leaseTtl how long a handler counts as alive after its last lease renewal; its sessions
 *                 disappear from lookups at once afterwards and from Redis on the next reaper run
 * @param reaperInterval how often expired leases are looked for (every replica reaps; it is idempotent)
 * @param reapBatchSize expired handlers handled per reaper run
 * @param metricsInterval how often the registry gauges are recomputed from Redis
 * @param maxServerFrameBytes largest ServerFrame accepted for delivery (64 KiB payload + 4 KiB envelope)
 * @param maxReconcileSessions most sessions one reconciliation request may list
 * @param reconcileGrace a session registered this recently is kept even if a reconciliation list lacks
 *                       it: the handler may have taken its list while the registration was in flight
 */
@Validated
@ConfigurationProperties("chat.ws-manager")
public record WsManagerProperties(
        @NotNull @DefaultValue("15s") Duration leaseTtl,
        @NotNull @DefaultValue("1s") Duration reaperInterval,
        @Min(1) @DefaultValue("100") int reapBatchSize,
        @NotNull @DefaultValue("10s") Duration metricsInterval,
        @Min(1) @Max(16 * 1024 * 1024) @DefaultValue("69632") int maxServerFrameBytes,
        @Min(1) @DefaultValue("100000") int maxReconcileSessions,
        @NotNull @DefaultValue("10s") Duration reconcileGrace) {
}
