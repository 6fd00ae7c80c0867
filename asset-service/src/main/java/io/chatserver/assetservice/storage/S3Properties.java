package io.chatserver.assetservice.storage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The S3 store of media objects. Defaults point at the local S3Proxy (docs/local-ports.md);
 * Kubernetes sets them through environment variables (CHAT_S3_*), the keys from a Secret.
 *
 * @param endpoint  S3 endpoint; blank means AWS's own endpoint for the region
 * @param region    signing region
 * @param accessKey access key id
 * @param secretKey secret access key
 * @param pathStyle bucket in the path ({@code host/bucket/key}) instead of the host name;
 *                  S3-compatible servers such as S3Proxy and MinIO need it
 * @param bucket    the media bucket, created (private) at startup when missing
 * @param timeout   for one API call, retries included; also bounds the readiness check
 * @param publicEndpoint the endpoint that presigned URLs name, as clients reach S3; blank means
 *                  {@code endpoint} (the same host for the service and the apps, as locally)
 */
@Validated
@ConfigurationProperties("chat.s3")
record S3Properties(
        @NotNull @Pattern(regexp = "(https?://[^\\s]+)?", message = "must be an http(s) URL, or empty for AWS")
        @DefaultValue("http://127.0.0.1:18333") String endpoint,
        @NotBlank @DefaultValue("us-east-1") String region,
        @NotBlank @DefaultValue("chat-local") String accessKey,
        @NotBlank @DefaultValue("chat-local-secret") String secretKey,
        @DefaultValue("true") boolean pathStyle,
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", message = "must be a valid S3 bucket name")
        @DefaultValue("chat-media") String bucket,
        @NotNull @DefaultValue("5s") Duration timeout,
        @NotNull @Pattern(regexp = "(https?://[^\\s]+)?", message = "must be an http(s) URL, or empty for endpoint")
        @DefaultValue("") String publicEndpoint) {

    /** The endpoint override, empty when the SDK should use AWS's own endpoint for the region. */
    Optional<URI> endpointOverride() {
        return endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint));
    }

    /** Where presigned URLs point: the public endpoint, else the endpoint, else AWS's own. */
    Optional<URI> presignEndpoint() {
        return publicEndpoint.isBlank() ? endpointOverride() : Optional.of(URI.create(publicEndpoint));
    }

    @Override
    public String toString() {
        return "S3Properties[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + "]";
    }
}
