package io.chatserver.wsmanager.push;

import io.chatserver.platform.registry.DeviceSession;
import io.chatserver.platform.registry.HandlerCommands;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.wsmanager.WsManagerProperties;
import io.chatserver.wsmanager.registry.SessionRegistry;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * The push path any service uses to reach a device wherever it is connected: a command on the pub/sub
 * channel of each handler holding one of the user's sessions. Best effort; durability is the message store's.
 */
@RestController
@RequestMapping("/internal/v1")
final class PushController {

    private final SessionRegistry registry;
    private final HandlerCommands publisher;
    private final WsManagerProperties properties;

    PushController(SessionRegistry registry, HandlerCommands publisher, WsManagerProperties properties) {
        this.registry = registry;
        this.publisher = publisher;
        this.properties = properties;
    }

    @PostMapping("/deliveries")
    Mono<DeliveryResponse> deliver(@Valid @RequestBody DeliveryRequest request) {
        return Mono.defer(() -> {
            byte[] frame = PushInputs.serverFrame(request.serverFrame(), properties.maxServerFrameBytes());
            return targets(request.userId(), request.deviceId())
                    .concatMap(target -> publisher.deliver(target, frame).thenReturn(target))
                    .count()
                    .map(DeliveryResponse::new);
        });
    }

    @PostMapping("/sessions/disconnect")
    Mono<DisconnectResponse> disconnect(@Valid @RequestBody DisconnectRequest request) {
        return Mono.defer(() -> {
            ErrorCode reason = PushInputs.closeReason(request.reason());
            return targets(request.userId(), request.deviceId())
                    .concatMap(target -> publisher.close(target, reason).thenReturn(target))
                    .count()
                    .map(DisconnectResponse::new);
        });
    }

    private Flux<DeviceSession> targets(String userId, Integer deviceId) {
        return registry.userSessions(UUID.fromString(userId))
                .filter(session -> deviceId == null || session.deviceId() == deviceId);
    }
}
