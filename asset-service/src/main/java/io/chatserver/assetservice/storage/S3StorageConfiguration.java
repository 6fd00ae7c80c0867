package io.chatserver.assetservice.storage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client: the async client on the SDK's Netty NIO HTTP client, so S3 calls compose with
 * WebFlux without parking threads (the sync client would need a bounded scheduler for every call,
 * and the CRT client a native library). The bucket check is health component {@code s3}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(S3Properties.class)
class S3StorageConfiguration {

    @Bean(destroyMethod = "close")
    S3AsyncClient s3AsyncClient(S3Properties properties) {
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(properties.accessKey(), properties.secretKey())))
                .forcePathStyle(properties.pathStyle())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(override -> override.apiCallTimeout(properties.timeout()));
        properties.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Signs URLs locally (no network): the same keys, region and path style as the client. */
    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(S3Properties properties) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(properties.accessKey(), properties.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build());
        properties.presignEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Bean
    MediaObjects mediaObjects(S3AsyncClient s3, S3Presigner presigner, S3Properties properties) {
        return new MediaObjects(s3, presigner, properties.bucket());
    }

    @Bean
    MediaBucket mediaBucket(S3AsyncClient s3, S3Properties properties) {
        return new MediaBucket(s3, properties.bucket());
    }

    @Bean
    MediaBucketInitializer mediaBucketInitializer(MediaBucket bucket, S3Properties properties) {
        return new MediaBucketInitializer(bucket, MediaBucketInitializer.STARTUP_WAIT.plus(properties.timeout()));
    }

    @Bean
    MediaBucketHealthIndicator s3HealthIndicator(MediaBucket bucket) {
        return new MediaBucketHealthIndicator(bucket);
    }
}
