package io.chatserver.assetservice.storage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class S3PropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(S3Properties.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

    @Test
    void defaultsPointAtTheLocalS3Proxy() {
        runner.run(context -> {
            S3Properties s3 = context.getBean(S3Properties.class);
            assertThat(s3.endpointOverride()).contains(URI.create("http://127.0.0.1:18333"));
            assertThat(s3.region()).isEqualTo("us-east-1");
            assertThat(s3.accessKey()).isEqualTo("chat-local");
            assertThat(s3.secretKey()).isEqualTo("chat-local-secret");
            assertThat(s3.pathStyle()).isTrue();
            assertThat(s3.bucket()).isEqualTo("chat-media");
        });
    }

    @Test
    void theSecretNeverAppearsInToString() {
        runner.run(context -> assertThat(context.getBean(S3Properties.class).toString())
                .doesNotContain("chat-local-secret").contains("chat-media"));
    }

    @Test
    void aBlankEndpointMeansAwsItself() {
        runner.withPropertyValues("chat.s3.endpoint=")
                .run(context -> assertThat(context.getBean(S3Properties.class).endpointOverride()).isEmpty());
    }

    @Test
    void anEndpointThatIsNoUrlFailsStartup() {
        runner.withPropertyValues("chat.s3.endpoint=127.0.0.1:18333")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must be an http(s) URL"));
    }

    @Test
    void anInvalidBucketNameFailsStartup() {
        runner.withPropertyValues("chat.s3.bucket=Chat_Media")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("bucket"));
    }

    @Test
    void aBlankSecretFailsStartup() {
        runner.withPropertyValues("chat.s3.secret-key= ")
                .run(context -> assertThat(context).hasFailed());
    }
}
