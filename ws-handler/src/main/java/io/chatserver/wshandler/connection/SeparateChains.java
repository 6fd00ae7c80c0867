package io.chatserver.wshandler.connection;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code first.flatMap(next)} for a {@code next} that runs for hours. In a flatMap the operators
 * of {@code first} stay reachable until {@code next} ends, each holding its upstream and what it
 * emitted: for a WebSocket, the parsed access token, the registration request and their
 * subscribers, about 10 KiB per connection for its whole life. Here {@code next} runs in a
 * subscription of its own, and once {@code first} has emitted nothing of it is kept. {@code first}
 * is assembled only when subscribed: an assembled Mono can hold values too (Spring Security's JWT
 * decoder parses the token while assembling), and the returned Mono lives as long as the connection.
 */
final class SeparateChains {

    private SeparateChains() {
    }

    /** Completes when {@code next} does, or at once when {@code first} is empty; cancelling stops either. */
    static <T> Mono<Void> then(Supplier<Mono<T>> first, Function<T, Mono<Void>> next) {
        return Mono.create(sink -> {
            Disposable.Swap firstRun = Disposables.swap();
            Disposable.Swap nextRun = Disposables.swap();
            sink.onDispose(() -> {
                firstRun.dispose();
                nextRun.dispose();
            });
            AtomicBoolean emitted = new AtomicBoolean();
            firstRun.replace(first.get().subscribe(value -> {
                emitted.set(true);
                Mono<Void> rest;
                try {
                    rest = next.apply(value);
                } catch (RuntimeException e) {
                    sink.error(e);
                    return;
                }
                nextRun.replace(rest.subscribe(null, sink::error, sink::success));
            }, sink::error, () -> {
                if (!emitted.get()) {
                    sink.success();
                }
            }));
        });
    }
}
