package io.chatserver.platform.runtime;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Defaults shared by every service, added with the lowest precedence so that any application.yml,
 * environment variable or command-line flag overrides them. Values point at the local stack
 * (docs/local-ports.md); Kubernetes overrides them through environment variables.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "chatPlatformDefaults";

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("chat.instance-id", "${spring.application.name}-${random.value}"),
            Map.entry("server.address", "127.0.0.1"),
            Map.entry("server.shutdown", "graceful"),
            Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "20s"),
            Map.entry("spring.data.redis.host", "127.0.0.1"),
            Map.entry("spring.data.redis.port", "16379"),
            Map.entry("spring.data.redis.timeout", "2s"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.endpoint.health.show-details", "always"),
            // BACKLOG (an in-process queue past its alert length) shows in /actuator/health with HTTP 200;
            // the liveness and readiness groups do not include the "queues" indicator.
            Map.entry("management.endpoint.health.status.order", "DOWN,OUT_OF_SERVICE,BACKLOG,UP,UNKNOWN"),
            Map.entry("management.metrics.tags.application", "${spring.application.name}"),
            Map.entry("management.metrics.tags.instance", "${chat.instance-id}"),
            // Off: Boot's ProblemDetailsExceptionHandler (@Order(0)) would answer framework errors (bad JSON,
            // failed validation, 404) before ProblemDetailsAdvice and drop their numbered "code".
            Map.entry("spring.webflux.problemdetails.enabled", "false"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
    }
}
