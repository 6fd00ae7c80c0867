package io.chatserver.platform.jdbc;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.function.Function;

/**
 * The only way features touch MySQL: JDBC runs on a bounded scheduler sized to the connection
 * pool, never on a Netty event loop, and comes back as a {@link Mono}.
 */
public final class BlockingDatabase {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Scheduler scheduler;

    BlockingDatabase(JdbcClient jdbc, TransactionTemplate transactions, Scheduler scheduler) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.scheduler = scheduler;
    }

    /**
     * A database beside the service's own (a read replica, say), on a scheduler of its own sized to
     * that pool; the caller owns both and closes them.
     */
    public static BlockingDatabase over(DataSource dataSource, Scheduler scheduler) {
        return new BlockingDatabase(JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), scheduler);
    }

    /** Statements without a surrounding transaction (each auto-commits). */
    public <T> Mono<T> call(Function<JdbcClient, T> work) {
        return Mono.fromCallable(() -> work.apply(jdbc)).subscribeOn(scheduler);
    }

    /**
     * Statements in one transaction. Two transactions racing on the same unique key (two replicas,
     * or a client retrying) end in a duplicate key or an InnoDB deadlock; both are safe to re-run.
     */
    public <T> Mono<T> inTransaction(Function<JdbcClient, T> work) {
        return Mono.fromCallable(() -> transactions.execute(status -> work.apply(jdbc)))
                .subscribeOn(scheduler)
                // Bursts of sign-ups of nearby numbers deadlock on InnoDB gap locks more than twice in a row.
                .retryWhen(Retry.backoff(5, Duration.ofMillis(20))
                        .filter(BlockingDatabase::isRace)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** For startup work on the main thread, where blocking is allowed. */
    public <T> T inTransactionNow(Function<JdbcClient, T> work) {
        return transactions.execute(status -> work.apply(jdbc));
    }

    private static boolean isRace(Throwable e) {
        return e instanceof DuplicateKeyException || e instanceof PessimisticLockingFailureException;
    }
}
