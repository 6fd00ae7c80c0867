package io.chatserver.assetservice.asset;

import io.chatserver.assetservice.storage.MediaObjects;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.security.AuthenticatedDevice;
import io.chatserver.protocol.v1.ErrorCode;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The media API of the apps (A8): announce a file, upload it, complete it, and fetch it. */
@RestController
final class AssetController {

    private final Uploads uploads;
    private final Grants grants;
    private final MediaObjects objects;
    private final AssetsProperties properties;

    AssetController(Uploads uploads, Grants grants, MediaObjects objects, AssetsProperties properties) {
        this.uploads = uploads;
        this.grants = grants;
        this.objects = objects;
        this.properties = properties;
    }

    /** 201 with how to upload; 200 with the same asset when this uploader announced these bytes before. */
    @PostMapping("/v1/assets")
    Mono<ResponseEntity<AssetResponse>> announce(@AuthenticationPrincipal AuthenticatedDevice device,
            @Valid @RequestBody UploadRequest request) {
        return uploads.announce(device.userId(), request).flatMap(announced -> view(announced.asset())
                .map(body -> announced.created()
                        ? ResponseEntity.created(URI.create("/v1/assets/" + body.assetId())).body(body)
                        : ResponseEntity.ok(body)));
    }

    /**
     * The uploader: the asset in any state. A recipient of a message that carried it: a download URL
     * once it is READY; for a view-once file one per device, then 410 2208. Anybody else: 2203.
     */
    @GetMapping("/v1/assets/{id}")
    Mono<AssetResponse> get(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable String id) {
        return grants.access(device.userId(), assetId(id)).flatMap(access -> {
            if (access.owner()) {
                return view(access.asset());
            }
            if (!access.viewOnce()) {
                return grants.fetched(access, device.userId())
                        .then(Mono.fromSupplier(() -> downloadable(access.asset(), properties.downloadUrlTtl())));
            }
            return grants.firstViewOnceFetch(access, device.userId(), device.deviceId()).flatMap(first -> first
                    ? grants.fetched(access, device.userId())
                            .then(Mono.fromSupplier(() -> downloadable(access.asset(), properties.viewOnceUrlTtl())))
                    : Mono.error(new ChatException(ErrorCode.ASSET_VIEW_ONCE_USED, "view-once asset " + id
                            + " was fetched on this device already")));
        });
    }

    @PutMapping("/v1/assets/{id}/content")
    Mono<AssetResponse> content(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable String id,
            ServerHttpRequest request) {
        return uploads.receive(device.userId(), assetId(id), request.getBody()).flatMap(this::view);
    }

    @PostMapping("/v1/assets/{id}/complete")
    Mono<AssetResponse> complete(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable String id) {
        return uploads.complete(device.userId(), assetId(id)).flatMap(this::view);
    }

    private Mono<AssetResponse> view(Asset asset) {
        if (asset.state() == Asset.State.READY) {
            return Mono.just(downloadable(asset, properties.downloadUrlTtl()));
        }
        if (!asset.multipart()) {
            return Mono.just(response(asset, new AssetResponse.Upload("PUT", "/v1/assets/" + asset.id() + "/content",
                    null, null, null, null), null));
        }
        // No parts, or no upload any more: a complete cut short after S3 assembled the file? Then check it now.
        return uploads.uploadedParts(asset)
                .flatMap(parts -> parts.isEmpty() ? uploads.assembled(asset).flatMap(assembled -> assembled
                        ? uploads.afterLostUpload(asset.id()).flatMap(this::view)
                        : Mono.just(response(asset, partUpload(asset, parts), null)))
                        : Mono.just(response(asset, partUpload(asset, parts), null)))
                .onErrorResume(NoSuchUploadException.class, gone -> uploads.afterLostUpload(asset.id()).flatMap(this::view));
    }

    private AssetResponse downloadable(Asset asset, Duration ttl) {
        String url = objects.presignDownload(asset.objectKey(), asset.contentType(), ttl).toString();
        return response(asset, null, new AssetResponse.Download(url, Instant.now().plus(ttl)));
    }

    private AssetResponse.Upload partUpload(Asset asset, List<Part> held) {
        // A part S3 holds with the wrong size is sent again: it is listed with the missing ones.
        Set<Integer> done = held.stream().filter(part -> part.size() == asset.partLength(part.partNumber()))
                .map(Part::partNumber).collect(Collectors.toSet());
        List<AssetResponse.PartUrl> urls = IntStream.rangeClosed(1, asset.partCount()).filter(n -> !done.contains(n))
                .mapToObj(n -> new AssetResponse.PartUrl(n, asset.partLength(n), objects.presignPart(asset.objectKey(),
                        asset.uploadId(), n, properties.uploadUrlTtl()).toString()))
                .toList();
        return new AssetResponse.Upload("PUT", null, (long) asset.partSize(), urls, done.stream().sorted().toList(),
                Instant.now().plus(properties.uploadUrlTtl()));
    }

    private static AssetResponse response(Asset asset, AssetResponse.Upload upload, AssetResponse.Download download) {
        return new AssetResponse(asset.id().toString(), asset.kind(), asset.state(), asset.size(), asset.sha256(),
                asset.contentType(), upload, download);
    }

    static UUID assetId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "not an asset id: " + text);
        }
    }
}
