package io.chatserver.testsupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service gets from chat-platform, checked over plain HTTP against a running instance:
 * Prometheus metrics tagged with the application and instance, the "queues" health (A11) outside
 * the probes, and the resource-server chain refusing an unauthenticated request with a numbered problem. A service's IT implements this
 * interface to inherit the tests.
 */
public interface PlatformContract {

    /** The port the service under test listens on. */
    int port();

    /** Its {@code spring.application.name}. */
    String applicationName();

    /** Its {@code chat.instance-id} in the test; by convention the application name plus "-it". */
    default String instanceId() {
        return applicationName() + "-it";
    }

    @Test
    default void prometheusScrapeCarriesJvmMetricsTaggedWithTheApplication() {
        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes")
                .contains("application=\"" + applicationName() + "\"")
                .contains("instance=\"" + instanceId() + "\"");
    }

    @Test
    default void theQueuesHealthIsPartOfTheHealthReportButNotOfTheProbes() {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        Map<?, ?> components = (Map<?, ?>) JsonMapper.builder().build().readValue(health.body(), Map.class).get("components");
        assertThat(components.get("queues")).as(health.body()).isInstanceOfSatisfying(Map.class,
                queues -> assertThat(queues.get("status")).isEqualTo("UP"));
        assertThat(get("/actuator/health/readiness").body()).doesNotContain("queues");
        assertThat(get("/actuator/health/liveness").body()).doesNotContain("queues");
    }

    @Test
    default void anUnknownPathWithoutTokenIsRefusedByThePlatformChain() {
        HttpResponse<String> refused = get("/no/such/path");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"code\":1201").contains("\"status\":401");
    }

    private HttpResponse<String> get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                    .timeout(Duration.ofSeconds(10)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
