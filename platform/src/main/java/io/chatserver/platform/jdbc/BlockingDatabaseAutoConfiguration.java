package io.chatserver.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.sql.SQLException;

/** For services with a MySQL database (user-service, group-service): JDBC off the event loops. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@ConditionalOnClass({JdbcClient.class, HikariDataSource.class})
@ConditionalOnBean({DataSource.class, JdbcClient.class, PlatformTransactionManager.class})
public class BlockingDatabaseAutoConfiguration {

    private static final int DEFAULT_POOL_SIZE = 10;
    private static final int QUEUED_TASKS_PER_THREAD = 1_000;

    /** As many threads as pooled connections: more would only wait inside Hikari, holding a thread. */
    @Bean(destroyMethod = "dispose")
    @ConditionalOnMissingBean(name = "jdbcScheduler")
    Scheduler jdbcScheduler(DataSource dataSource) throws SQLException {
        int poolSize = dataSource.isWrapperFor(HikariDataSource.class)
                ? dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize()
                : DEFAULT_POOL_SIZE;
        // Hikari reports -1 until the pool starts when the size was left at its default.
        int threads = poolSize > 0 ? poolSize : DEFAULT_POOL_SIZE;
        return Schedulers.newBoundedElastic(threads, threads * QUEUED_TASKS_PER_THREAD, "jdbc");
    }

    @Bean
    @ConditionalOnMissingBean
    BlockingDatabase blockingDatabase(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            Scheduler jdbcScheduler) {
        return new BlockingDatabase(jdbc, new TransactionTemplate(transactionManager), jdbcScheduler);
    }
}
