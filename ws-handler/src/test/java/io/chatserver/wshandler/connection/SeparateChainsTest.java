package io.chatserver.wshandler.connection;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class SeparateChainsTest {

    @Test
    void nextRunsWithTheValueAndEndsTheWhole() {
        Sinks.Empty<Void> nextDone = Sinks.empty();
        AtomicBoolean ran = new AtomicBoolean();
        StepVerifier.create(SeparateChains.then(() -> Mono.just("connection"), value -> {
                    ran.set(value.equals("connection"));
                    return nextDone.asMono();
                }))
                .then(() -> assertThat(ran).isTrue())
                .expectNoEvent(Duration.ofMillis(50))
                .then(nextDone::tryEmitEmpty)
                .verifyComplete();
    }

    @Test
    void anEmptyFirstCompletesWithoutNext() {
        AtomicBoolean ran = new AtomicBoolean();
        StepVerifier.create(SeparateChains.then(Mono::<String>empty, value -> {
            ran.set(true);
            return Mono.empty();
        })).verifyComplete();
        assertThat(ran).isFalse();
    }

    @Test
    void errorsOfEitherPartEndTheWhole() {
        StepVerifier.create(SeparateChains.then(() -> Mono.<String>error(new IllegalStateException("refused")), value -> Mono.empty()))
                .verifyErrorMessage("refused");
        StepVerifier.create(SeparateChains.then(() -> Mono.just(1), value -> Mono.error(new IllegalStateException("lost"))))
                .verifyErrorMessage("lost");
        StepVerifier.create(SeparateChains.then(() -> Mono.just(1), value -> {
            throw new IllegalStateException("bad mapper");
        })).verifyErrorMessage("bad mapper");
    }

    @Test
    void cancellingStopsNext() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Disposable whole = SeparateChains.then(() -> Mono.just(1), value -> Mono.<Void>never().doOnCancel(() -> cancelled.set(true)))
                .subscribe();
        whole.dispose();
        assertThat(cancelled).isTrue();
    }

    @Test
    void whatFirstEmittedIsNotKeptWhileNextRuns() throws Exception {
        assertThat(keptWhileNextRuns(SeparateChains::then)).as("separate chains").isFalse();
        // The same check with flatMap holds on to it: the check can fail.
        assertThat(keptWhileNextRuns((first, next) -> Mono.defer(first).flatMap(next))).as("flatMap").isTrue();
    }

    private interface Chain {
        Mono<Void> of(Supplier<Mono<Object>> first, Function<Object, Mono<Void>> next);
    }

    private static boolean keptWhileNextRuns(Chain chain) throws Exception {
        Object[] holder = {new byte[1 << 20]};
        WeakReference<Object> emitted = new WeakReference<>(holder[0]);
        // first keeps what it emitted in its operators (a scalar subscription holds its value), and
        // it is assembled with it, as a JWT decoder's Mono is.
        Mono<Void> whole = chain.of(() -> {
            Object value = holder[0];
            holder[0] = null;
            return Mono.just(value).hide().flatMap(kept -> Mono.just(kept).hide());
        }, value -> Mono.never());
        Disposable running = whole.subscribe();
        for (int i = 0; i < 10 && emitted.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        boolean kept = emitted.get() != null;
        // As Spring holds the handler's Mono while the connection lasts.
        Reference.reachabilityFence(whole);
        running.dispose();
        return kept;
    }
}
