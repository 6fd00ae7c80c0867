package io.chatserver.assetservice.asset;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * What the app announces before uploading: what the file is for, its media type as the app knows it
 * (only a first filter; the bytes decide), its size in bytes and its SHA-256 (64 lowercase hex).
 */
record UploadRequest(
        @NotNull AssetKind kind,
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9.+-]{0,40}/[a-z0-9][a-z0-9.+-]{0,57}", message = "must be a media type such as video/mp4")
        String contentType,
        @NotNull @Positive Long size,
        @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lowercase hex digits") String sha256) {
}
