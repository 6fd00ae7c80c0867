package io.chatserver.messageservice.store;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.dao.DataAccessException;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeoutException;

/** Cassandra trouble becomes one retryable error (2004); the client retries with the same id. */
public final class StoreFailures {

    private StoreFailures() {
    }

    public static <T> Mono<T> retryable(Mono<T> call) {
        return call.onErrorMap(e -> e instanceof DataAccessException || e instanceof TimeoutException,
                e -> new ChatException(ErrorCode.MESSAGE_STORE_UNAVAILABLE, "message store: " + e.getMessage()));
    }
}
