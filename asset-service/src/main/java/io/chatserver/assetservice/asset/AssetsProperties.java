package io.chatserver.assetservice.asset;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Limits and upload settings of asset-service.
 *
 * @param limits          the largest file accepted, per kind
 * @param directUploadMax files up to this size are uploaded through the service in one request
 *                        (checked before anything is written); larger ones go straight to S3 in parts
 * @param partSize        the part size of a multipart upload; S3 wants at least 5 MiB but for the last
 * @param uploadUrlTtl    how long a presigned part URL stays valid (a slow mobile link needs long)
 * @param downloadUrlTtl  how long a presigned download URL stays valid
 * @param viewOnceUrlTtl  how long the one download URL of a view-once file stays valid (long enough to
 *                        fetch it, and again after a dropped connection)
 * @param directUploadsInFlight direct uploads held in memory at once; more get 1006 and try again
 * @param lifecycle       when media no message refers to any more is deleted
 */
@Validated
@ConfigurationProperties("chat.assets")
public record AssetsProperties(
        @Valid @NotNull @DefaultValue Limits limits,
        @NotNull @DefaultValue("2MB") DataSize directUploadMax,
        @NotNull @DefaultValue("8MB") DataSize partSize,
        @NotNull @DefaultValue("1h") Duration uploadUrlTtl,
        @NotNull @DefaultValue("5m") Duration downloadUrlTtl,
        @NotNull @DefaultValue("60s") Duration viewOnceUrlTtl,
        @DefaultValue("16") int directUploadsInFlight,
        @Valid @NotNull @DefaultValue Lifecycle lifecycle) {

    public AssetsProperties {
        if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
            throw new IllegalArgumentException("chat.assets.part-size must be at least 5MB (S3's smallest part)");
        }
        if (directUploadMax.toBytes() > partSize.toBytes()) {
            throw new IllegalArgumentException("chat.assets.direct-upload-max must not exceed part-size");
        }
        if (directUploadsInFlight < 1) {
            throw new IllegalArgumentException("chat.assets.direct-uploads-in-flight must be at least 1");
        }
    }

    /**
     * Defaults from the requirements: videos up to 16 MB (R11), any file up to 100 MB (R15); images
     * and voice notes 16 MB (what WhatsApp allows), profile photos 5 MB.
     */
    public record Limits(
            @NotNull @DefaultValue("16MB") DataSize image,
            @NotNull @DefaultValue("16MB") DataSize video,
            @NotNull @DefaultValue("16MB") DataSize audio,
            @NotNull @DefaultValue("100MB") DataSize file,
            @NotNull @DefaultValue("5MB") DataSize avatar) {

        public long of(AssetKind kind) {
            return switch (kind) {
                case IMAGE -> image.toBytes();
                case VIDEO -> video.toBytes();
                case AUDIO -> audio.toBytes();
                case FILE -> file.toBytes();
                case AVATAR -> avatar.toBytes();
            };
        }
    }

    /**
     * The clean-up (A4's two modes, as message-service's {@code chat.messaging.retention}).
     *
     * @param retention        RELAY (WhatsApp): a file goes once every recipient has fetched it and
     *                         {@code keepAfterFetched} has passed, or {@code maxAge} after it was last
     *                         sent; HISTORY (Messenger): files stay as long as the messages do
     * @param sweepInterval    how often the clean-up looks
     * @param abandonedAfter   an upload not finished by then, or a profile-photo upload never put in use,
     *                         is deleted (both modes)
     * @param keepAfterFetched after the last recipient first fetched it: for their other devices, and for
     *                         a download cut short
     * @param maxAge           since it was uploaded or last sent: the inbox TTL of a message
     * @param batch            assets taken per rule and round
     */
    public record Lifecycle(
            @NotNull @DefaultValue("RELAY") Retention retention,
            @NotNull @DefaultValue("10m") Duration sweepInterval,
            @NotNull @DefaultValue("24h") Duration abandonedAfter,
            @NotNull @DefaultValue("1d") Duration keepAfterFetched,
            @NotNull @DefaultValue("30d") Duration maxAge,
            @DefaultValue("500") int batch) {

        public enum Retention { RELAY, HISTORY }
    }
}
