package io.chatserver.userservice.registration;

import io.chatserver.protocol.v1.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Asks ws-manager to close the live connections of a device whose secret was replaced. Best effort:
 * the old tokens are already revoked through the generation in Redis, this only makes it immediate.
 */
final class WsManagerClient {

    private static final Logger log = LoggerFactory.getLogger(WsManagerClient.class);
    static final String DISCONNECT_PATH = "/internal/v1/sessions/disconnect";

    private final WebClient webClient;
    private final WsManagerProperties properties;
    private final MeterRegistry meters;

    WsManagerClient(WebClient.Builder builder, WsManagerProperties properties, MeterRegistry meters) {
        this.webClient = builder.baseUrl(properties.wsManagerUrl().toString()).build();
        this.properties = properties;
        this.meters = meters;
    }

    /** Completes empty in every case; failures are logged and counted. */
    Mono<Void> disconnect(UUID userId, int deviceId) {
        return webClient.post().uri(DISCONNECT_PATH)
                .bodyValue(new DisconnectRequest(userId.toString(), deviceId, ErrorCode.SESSION_DEVICE_SIGNED_OUT.name()))
                .retrieve()
                .toBodilessEntity()
                .timeout(properties.disconnectTimeout())
                .then()
                .onErrorResume(e -> {
                    meters.counter(RegistrationMetrics.DISCONNECT_FAILURES).increment();
                    log.warn("could not ask ws-manager to disconnect {}/{} (its tokens are revoked regardless): {}",
                            userId, deviceId, e.toString());
                    return Mono.empty();
                });
    }

    record DisconnectRequest(String userId, int deviceId, String reason) {
    }
}
