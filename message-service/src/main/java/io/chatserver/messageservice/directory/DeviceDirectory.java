package io.chatserver.messageservice.directory;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * Which devices a user has, from user-service. Asked on every send, not cached: a device linked a
 * second ago must not miss the next message.
 */
@Component
public final class DeviceDirectory {

    private final WebClient http;
    private final MessagingProperties properties;

    DeviceDirectory(MessagingProperties properties) {
        this.http = WebClient.builder().baseUrl(properties.userServiceUrl().toString()).build();
        this.properties = properties;
    }

    /** The user's device ids, ascending; empty when there is no such user. */
    public Mono<List<Integer>> devices(UUID userId) {
        return http.get().uri("/internal/v1/users/{userId}/devices", userId)
                .retrieve().bodyToMono(UserDevices.class)
                .timeout(properties.callTimeout())
                .map(UserDevices::deviceIds)
                .onErrorResume(WebClientResponseException.class,
                        e -> e.getStatusCode() == HttpStatus.NOT_FOUND ? Mono.empty() : Mono.error(e))
                .onErrorMap(e -> !(e instanceof ChatException), e -> new ChatException(
                        ErrorCode.MESSAGE_STORE_UNAVAILABLE, "user directory unavailable: " + e));
    }

    record UserDevices(String userId, List<Integer> deviceIds) {
    }
}
