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
