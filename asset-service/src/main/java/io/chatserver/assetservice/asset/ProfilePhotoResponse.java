package io.chatserver.assetservice.asset;

/**
 * A profile photo as anybody signed in may fetch it: the sizes the server made (JPEG), each by a
 * short-lived presigned URL. {@code width} and {@code height} are the original's.
 */
record ProfilePhotoResponse(String assetId, int width, int height, AssetResponse.Download photo,
        AssetResponse.Download thumbnail) {
}
