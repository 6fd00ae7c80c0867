package io.chatserver.userservice.profile;

import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.platform.http.PassedOnProblems;
import io.chatserver.protocol.v1.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** asset-service's side of a profile photo: checks and sizes it when put in use, deletes it after. */
@Component
final class ProfilePhotoAssets {

    private static final Logger log = LoggerFactory.getLogger(ProfilePhotoAssets.class);

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
        return http.post().uri("/internal/v1/profile-photos").bodyValue(new UseRequest(owner, assetId))
                .retrieve()
                .onStatus(status -> status.isError(), response -> PassedOnProblems.refusal(response, "asset-service",
                        ErrorCode.ASSET_STORE_UNAVAILABLE, (code, detail) -> new ChatException(code, "profile photo: " + detail)))
                .toBodilessEntity()
                .timeout(properties.assetServiceTimeout())
                .then()
                .onErrorMap(e -> !(e instanceof ChatException), e -> new ChatException(
                        ErrorCode.ASSET_STORE_UNAVAILABLE, "asset-service unavailable: " + e.getClass().getSimpleName()));
    }

    /**
     * The replaced or removed photo deleted. Best effort, after the profile changed: if asset-service
     * cannot be reached the old file stays (logged), fetchable only by those who knew its id.
     */
    Mono<Void> release(UUID owner, UUID assetId) {
        return http.delete().uri(uri -> uri.path("/internal/v1/profile-photos/{id}").queryParam("ownerUserId", owner)
                        .build(assetId))
                .retrieve().toBodilessEntity()
                .timeout(properties.assetServiceTimeout())
                .then()
                .onErrorResume(e -> {
                    log.warn("Could not delete the old profile photo {} of {}: {}", assetId, owner, e.toString());
                    return Mono.empty();
                });
    }

    record UseRequest(UUID ownerUserId, UUID assetId) {
    }
}
