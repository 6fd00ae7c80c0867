package io.chatserver.assetservice;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@RequiresLocalStack({LocalStack.S3PROXY, LocalStack.REDIS})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class AssetServiceIT {

    @Autowired
    WebTestClient web;

    @Test
    void readyOnlyWithTheMediaBucketAndRedisUp() {
        web.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP")
                .jsonPath("$.components.s3.status").isEqualTo("UP")
                .jsonPath("$.components.s3.details.bucket").isEqualTo("chat-media")
                .jsonPath("$.components.redis.status").isEqualTo("UP");
    }

    @Test
    void prometheusScrapeCarriesJvmMetricsTaggedWithTheApplication() {
        String scrape = web.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape).contains("jvm_memory_used_bytes").contains("application=\"asset-service\"")
                .contains("instance=\"asset-service-it\"");
    }

    @Test
    void anUnknownPathWithoutTokenIsRefusedByThePlatformChain() {
        web.get().uri("/no/such/path").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo(1201)
                .jsonPath("$.status").isEqualTo(401);
    }
}
