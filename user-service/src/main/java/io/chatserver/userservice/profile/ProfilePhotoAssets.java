package io.chatserver.userservice.profile;

import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.platform.http.PassedOnProblems;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** asset-service's side of a profile photo: checks and sizes it when put in use (and deletes the one it replaces), deletes it when removed. */
@Component
final class ProfilePhotoAssets {

    private final WebClient http;
    private final AssetServiceProperties properties;

    ProfilePhotoAssets(AssetServiceProperties properties) {
        this.http = InternalWebClients.builder("asset-service").baseUrl(properties.assetServiceUrl().toString()).build();
        this.properties = properties;
    }

    /**
     * Completes once asset-service has the photo in use. Its refusals keep their numbers (2203 not the
     * owner's, 2202 not an AVATAR upload, 2207 not uploaded yet, 2209 no readable picture); asset-service
     * unreachable is 2206, retryable.
     */
    Mono<Void> use(UUID owner, UUID assetId) {
        return call(http.post().uri("/internal/v1/profile-photos").bodyValue(new UseRequest(owner, assetId)));
    }

    /** The removed photo deleted; 2206 when asset-service cannot be reached (the profile then keeps it). */
    Mono<Void> release(UUID owner, UUID assetId) {
        return call(http.delete().uri(uri -> uri.path("/internal/v1/profile-photos/{id}").queryParam("ownerUserId", owner)
                .build(assetId)));
    }

    /** asset-service's refusals keep their numbers; asset-service unreachable or failing is 2206. */
    private Mono<Void> call(WebClient.RequestHeadersSpec<?> request) {
        return request.retrieve()
                .onStatus(status -> status.isError(), response -> PassedOnProblems.refusal(response, "asset-service",
                        ErrorCode.ASSET_STORE_UNAVAILABLE, (code, detail) -> new ChatException(code, "profile photo: " + detail)))
                .toBodilessEntity()
                .timeout(properties.assetServiceTimeout())
                .then()
                .onErrorMap(e -> !(e instanceof ChatException), e -> new ChatException(
                        ErrorCode.ASSET_STORE_UNAVAILABLE, "asset-service unavailable: " + e.getClass().getSimpleName()));
    }

    record UseRequest(UUID ownerUserId, UUID assetId) {
    }
}
