package io.chatserver.assetservice.asset;

import io.chatserver.assetservice.storage.MediaObjects;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

/**
 * Profile photos: fetched by anybody signed in ({@code /v1}), put in use and released by
 * user-service only ({@code /internal}, which the ingress does not pass).
 */
@RestController
final class ProfilePhotoController {

    private final ProfilePhotos photos;
    private final MediaObjects objects;
    private final AssetsProperties properties;

    ProfilePhotoController(ProfilePhotos photos, MediaObjects objects, AssetsProperties properties) {
        this.photos = photos;
        this.objects = objects;
        this.properties = properties;
    }

    record UseRequest(@NotNull UUID ownerUserId, @NotNull UUID assetId) {
    }

    @GetMapping("/v1/profile-photos/{id}")
    Mono<ProfilePhotoResponse> get(@PathVariable String id) {
        return photos.inUse(AssetController.assetId(id)).map(this::response);
    }

    @PostMapping("/internal/v1/profile-photos")
    Mono<ProfilePhotoResponse> use(@Valid @RequestBody UseRequest request) {
        return photos.use(request.ownerUserId(), request.assetId()).map(this::response);
    }

    @DeleteMapping("/internal/v1/profile-photos/{id}")
    Mono<ResponseEntity<Void>> release(@PathVariable String id, @RequestParam UUID ownerUserId) {
        return photos.release(ownerUserId, AssetController.assetId(id)).thenReturn(ResponseEntity.noContent().build());
    }

    private ProfilePhotoResponse response(ProfilePhotoStore.Photo photo) {
        Instant expires = Instant.now().plus(properties.downloadUrlTtl());
        return new ProfilePhotoResponse(photo.assetId().toString(), photo.width(), photo.height(),
                download(ProfilePhotoStore.photoKey(photo.assetId()), expires),
                download(ProfilePhotoStore.thumbnailKey(photo.assetId()), expires));
    }

    private AssetResponse.Download download(String key, Instant expires) {
        return new AssetResponse.Download(objects.presignDownload(key, "image/jpeg", properties.downloadUrlTtl()).toString(),
                expires);
    }
}
