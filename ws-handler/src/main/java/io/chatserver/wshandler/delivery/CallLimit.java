package io.chatserver.wshandler.delivery;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * At most {@code limit} calls in flight; the others wait their turn, oldest first, and a call's own
 * timeout starts only when it is made. For inbox reads after a connect storm: thousands of reads
 * queued in the HTTP pool all timed out there, each was tried again, and message-service spent its
 * time on reads nobody waited for any more. Queued here, every read made is one that finishes.
 */
public final class CallLimit {

    private final int limit;
    /** Where a waiting call starts when a place frees up (not inside the call that ended). */
    private final Scheduler scheduler;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public CallLimit(int limit, Scheduler scheduler) {
        this.limit = limit;
        this.scheduler = scheduler;
    }

    /** The call, made once a place is free; a subscriber that cancels gives its turn up, or cancels the call. */
    public <T> Mono<T> run(Supplier<Mono<T>> call) {
        return Mono.create(sink -> {
            Disposable.Swap made = Disposables.swap();
            Runnable start = () -> made.update(Mono.defer(call).doFinally(signal -> release())
                    .subscribe(sink::success, sink::error, sink::success));
            sink.onCancel(() -> {
                giveUp(start);
                made.dispose();
            });
            synchronized (this) {
                if (running >= limit) {
                    waiting.add(start);
                    return;
                }
                running++;
            }
            start.run();
        });
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private synchronized void giveUp(Runnable start) {
        waiting.remove(start);
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        scheduler.schedule(next); // takes over the place of the call that ended
    }
}
