package io.chatserver.messageservice.attachment;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.protocol.v1.Attachment;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * Before a message with attachments is stored: asset-service lets its recipients fetch the files,
 * if the sender may send them. So no recipient ever gets a message whose file they cannot fetch,
 * and a guessed asset id sends nothing. A retry grants again, which changes nothing.
 */
@Component
public final class AssetGrants {

    private final WebClient http;
    private final MessagingProperties properties;

    AssetGrants(MessagingProperties properties) {
        this.http = InternalWebClients.builder("asset-service").baseUrl(properties.assetServiceUrl().toString()).build();
        this.properties = properties;
    }

    record GrantRequest(UUID senderUserId, List<UUID> recipientUserIds, List<Item> assets) {
    }

    record Item(String assetId, boolean viewOnce) {
    }

    /**
     * Completes once granted. asset-service's refusals keep their numbers (2203 not the sender's to
     * send, 2207 not uploaded yet, 1206 a view-once file forwarded); asset-service unreachable is
     * 2206, retryable with the same client message id.
     */
    public Mono<Void> grant(UUID sender, List<UUID> recipients, List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return Mono.empty();
        }
        GrantRequest request = new GrantRequest(sender, recipients,
                attachments.stream().map(a -> new Item(a.getAssetId(), a.getViewOnce())).toList());
        return http.post().uri("/internal/v1/grants").bodyValue(request)
                .retrieve().toBodilessEntity()
                .timeout(properties.callTimeout())
                .then()
                .onErrorMap(WebClientResponseException.class, AssetGrants::refusal)
                .onErrorMap(e -> !(e instanceof ChatException), e -> new ChatException(
                        ErrorCode.ASSET_STORE_UNAVAILABLE, "asset-service unavailable: " + e));
    }

    private static Throwable refusal(WebClientResponseException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        if (status == HttpStatus.NOT_FOUND) {
            return new ChatException(ErrorCode.ASSET_NOT_FOUND, "an attachment is no file of yours to send");
        }
        if (status == HttpStatus.CONFLICT) {
            return new ChatException(ErrorCode.ASSET_NOT_READY, "an attachment is not uploaded and checked yet");
        }
        if (status == HttpStatus.FORBIDDEN) {
            return new ChatException(ErrorCode.AUTH_FORBIDDEN, "a view-once file cannot be forwarded");
        }
        return e;
    }
}
