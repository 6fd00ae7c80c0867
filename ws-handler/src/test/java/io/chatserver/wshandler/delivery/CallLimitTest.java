package io.chatserver.wshandler.delivery;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class CallLimitTest {

    private final CallLimit limit = new CallLimit(2, Schedulers.immediate());
    /** The calls made so far, in order: the test ends each through its sink. */
    private final List<Sinks.One<String>> made = new CopyOnWriteArrayList<>();

    @Test
    void beyondTheLimitCallsWaitAndStartOldestFirstAsPlacesFreeUp() {
        List<CompletableFuture<String>> answers = List.of(call(), call(), call(), call());

        assertThat(made).hasSize(2);
        assertThat(limit.waiting()).isEqualTo(2);
        made.get(1).tryEmitValue("second").orThrow();
        assertThat(made).hasSize(3);
        made.get(0).tryEmitError(new IllegalStateException("timed out")).orThrow();
        assertThat(made).as("a failed call frees its place too").hasSize(4);
        made.get(2).tryEmitValue("third").orThrow();
        made.get(3).tryEmitValue("fourth").orThrow();

        assertThat(answers.get(0)).isCompletedExceptionally();
        assertThat(answers.subList(1, 4)).extracting(CompletableFuture::join).containsExactly("second", "third", "fourth");
        assertThat(limit.waiting()).isZero();
        call();
        assertThat(made).as("all places free again").hasSize(5);
    }

    @Test
    void aCallCancelledWhileWaitingIsNeverMade() {
        call();
        call();
        Disposable third = limit.run(this::make).subscribe();
        call();
        third.dispose();

        assertThat(limit.waiting()).isEqualTo(1);
        made.get(0).tryEmitValue("done").orThrow();
        assertThat(made).hasSize(3); // the fourth, not the third
        made.get(1).tryEmitValue("done").orThrow();
        made.get(2).tryEmitValue("done").orThrow();
        assertThat(made).hasSize(3);
    }

    private CompletableFuture<String> call() {
        return limit.run(this::make).toFuture();
    }

    private Mono<String> make() {
        Sinks.One<String> sink = Sinks.one();
        made.add(sink);
        return sink.asMono();
    }
}
