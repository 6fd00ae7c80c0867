package io.chatserver.groupservice.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

/**
 * UP when the cluster answers a describe-cluster call with at least one broker. The admin client
 * is long-lived (one connection, not one per probe) and closed with the context.
 */
final class KafkaBrokerHealthIndicator extends AbstractReactiveHealthIndicator implements AutoCloseable {

    private final Admin admin;
    private final Duration timeout;

    KafkaBrokerHealthIndicator(Admin admin, Duration timeout) {
        super("Kafka health check failed");
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        // The admin client answers on its own network thread; the call itself is made on a
        // bounded elastic thread so a full request queue can never stall the event loop.
        return Mono.defer(() -> {
                    DescribeClusterResult cluster = admin.describeCluster(
                            new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
                    return Mono.zip(mono(cluster.clusterId()), mono(cluster.nodes()));
                })
                .subscribeOn(Schedulers.boundedElastic())
                // Backstop only: the admin call's own timeout normally answers first, with a clearer error.
                .timeout(timeout.plusMillis(500))
                .map(answer -> builder.status(answer.getT2().isEmpty() ? Status.DOWN : Status.UP)
                        .withDetail("clusterId", answer.getT1())
                        .withDetail("brokers", answer.getT2().size())
                        .build());
    }

    private static <T> Mono<T> mono(KafkaFuture<T> future) {
        return Mono.fromCompletionStage(future.toCompletionStage());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
