package io.chatserver.messageservice.attachment;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.platform.http.PassedOnProblems;
import io.chatserver.protocol.v1.Attachment;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
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
     * send, 2207 not uploaded yet, 1206 a view-once file forwarded, 1002 too many recipients);
     * asset-service unreachable, or failing, is 2206, retryable with the same client message id.
     */
    public Mono<Void> grant(UUID sender, List<UUID> recipients, List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return Mono.empty();
        }
        GrantRequest request = new GrantRequest(sender, recipients,
                attachments.stream().map(a -> new Item(a.getAssetId(), a.getViewOnce())).toList());
        return http.post().uri("/internal/v1/grants").bodyValue(request)
                .retrieve()
                .onStatus(status -> status.is4xxClientError(), AssetGrants::refusal)
                .toBodilessEntity()
                .timeout(properties.callTimeout())
                .then()
                .onErrorMap(e -> !(e instanceof ChatException), e -> new ChatException(
                        ErrorCode.ASSET_STORE_UNAVAILABLE, "asset-service unavailable: " + e.getClass().getSimpleName()));
    }

    /** A problem with a known code is passed on as it is; anything else is retryable. */
    private static Mono<Throwable> refusal(ClientResponse response) {
        return PassedOnProblems.refusal(response, "asset-service", ErrorCode.ASSET_STORE_UNAVAILABLE,
                (code, detail) -> new ChatException(code, "attachments: " + detail));
    }
}
