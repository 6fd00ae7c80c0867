package io.chatserver.platform.runtime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Identity of this process among replicas of the same service.
 *
 * @param instanceId stable id of this instance (the pod name in Kubernetes, e.g. {@code ws-handler-1}
 *                   locally); used in Redis keys and metric tags, so letters, digits, '-', '_', '.'
 */
@Validated
@ConfigurationProperties("chat")
public record ChatInstanceProperties(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String instanceId) {
}
