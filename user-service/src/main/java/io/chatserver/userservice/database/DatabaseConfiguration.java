package io.chatserver.userservice.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.sql.SQLException;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final int DEFAULT_POOL_SIZE = 10;
    private static final int QUEUED_TASKS_PER_THREAD = 1_000;

    /** As many threads as pooled connections: more would only wait inside Hikari, holding a thread. */
    @Bean(destroyMethod = "dispose")
    Scheduler jdbcScheduler(DataSource dataSource) throws SQLException {
        int poolSize = dataSource.isWrapperFor(HikariDataSource.class)
                ? dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize()
                : DEFAULT_POOL_SIZE;
        // Hikari reports -1 until the pool starts when the size was left at its default.
        int threads = poolSize > 0 ? poolSize : DEFAULT_POOL_SIZE;
        return Schedulers.newBoundedElastic(threads, threads * QUEUED_TASKS_PER_THREAD, "jdbc");
    }

    @Bean
    BlockingDatabase blockingDatabase(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            Scheduler jdbcScheduler) {
        return new BlockingDatabase(jdbc, new TransactionTemplate(transactionManager), jdbcScheduler);
    }
}
