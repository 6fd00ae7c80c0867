package io.chatserver.groupservice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.chatserver.groupservice.config.ReadReplicaProperties;
import io.chatserver.platform.jdbc.BlockingDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.function.Function;

/**
 * Where reads that may lag a moment behind the writes go: a read replica's own read-only pool
 * ({@code group-read}) when one is configured, else the service's database. Separable by
 * configuration alone; see {@link ReadReplicaProperties} for which reads these are.
 */
@Component
public final class GroupReads implements DisposableBean {

    static final String POOL_NAME = "group-read";

    private final BlockingDatabase database;
    private final HikariDataSource replica;
    private final Scheduler scheduler;

    GroupReads(BlockingDatabase primary, ReadReplicaProperties properties, MeterRegistry meters) {
        if (!properties.enabled()) {
            this.database = primary;
            this.replica = null;
            this.scheduler = null;
            return;
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setConnectionTimeout(5000);
        // A write sent here by mistake fails instead of landing on a replica.
        config.setReadOnly(true);
        // Connect on first use: a replica that is down at start must not keep the service from starting.
        config.setInitializationFailTimeout(-1);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        this.replica = new HikariDataSource(config);
        this.scheduler = Schedulers.newBoundedElastic(properties.poolSize(), properties.poolSize() * 1_000,
                POOL_NAME);
        this.database = BlockingDatabase.over(replica, scheduler);
    }

    public <T> Mono<T> call(Function<JdbcClient, T> work) {
        return database.call(work);
    }

    @Override
    public void destroy() {
        if (replica != null) {
            scheduler.dispose();
            replica.close();
        }
    }
}
