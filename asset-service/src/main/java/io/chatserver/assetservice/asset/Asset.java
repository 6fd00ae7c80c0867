package io.chatserver.assetservice.asset;

import java.time.Instant;
import java.util.UUID;

/**
 * One uploaded (or uploading) file. {@code uploadId} and {@code partSize} are set while a multipart
 * upload is open; {@code contentType} once the bytes were checked.
 */
record Asset(UUID id, UUID owner, AssetKind kind, String declaredType, long size, String sha256, State state,
        String contentType, String uploadId, int partSize, Instant createdAt, Instant readyAt) {

    /** DELETING: the clean-up has taken it (no longer fetched, sent or announced), its files go next. */
    enum State { UPLOADING, READY, DELETING }

    String objectKey() {
        return "assets/" + id;
    }

    boolean multipart() {
        return uploadId != null;
    }

    int partCount() {
        return (int) ((size + partSize - 1) / partSize);
    }

    /** The size part {@code number} (from 1) must have: the part size, but for the last. */
    long partLength(int number) {
        return number < partCount() ? partSize : size - (long) partSize * (partCount() - 1);
    }

    Asset ready(String detectedType, Instant at) {
        return new Asset(id, owner, kind, declaredType, size, sha256, State.READY, detectedType, null, 0, createdAt, at);
    }
}
