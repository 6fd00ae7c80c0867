package io.chatserver.assetservice.asset;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * An asset as its owner sees it: while UPLOADING, how to upload (or go on uploading) its bytes;
 * once READY, a short-lived download URL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AssetResponse(String assetId, AssetKind kind, Asset.State state, long size, String sha256,
        String contentType, Upload upload, Download download) {

    /**
     * Either one {@code PUT} of all the bytes to {@code url} (through asset-service, with the access
     * token), or parts of {@code partSize} bytes, each {@code PUT} to its presigned S3 URL (no token)
     * and then {@code POST /v1/assets/{id}/complete}. {@code uploadedParts} are the parts S3 already
     * holds: after a dropped connection only the others are sent again.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Upload(String method, String url, Long partSize, List<PartUrl> parts, List<Integer> uploadedParts,
            Instant expiresAt) {
    }

    record PartUrl(int partNumber, long size, String url) {
    }

    record Download(String url, Instant expiresAt) {
    }
}
