package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.internal.v1.AckedEntry;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Ok;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ServerFrames;
import io.chatserver.wshandler.messaging.MessageServiceException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Removes one connection's acknowledged ids from the inbox with as few calls as it can: one call in
 * flight at a time, and the acks that arrive meanwhile go together into the next one. So a client
 * that acks every message on its own costs a handful of calls, and no ack waits in the connection's
 * frame order behind another (sends behind acks are not held up either). Each Ack frame is answered
 * once the call that carried its ids is done.
 *
 * <p>A device draining a backlog acks hundreds of entries a call, and each call sends one DELIVERED
 * receipt per conversation in it: after a call of at least {@link Pacing#largeCall} ids, the next
 * one starts no sooner than {@link Pacing#pause} after it started, and carries what came meanwhile.
 * Small calls (a conversation going on) are not held back.
 */
final class AckBatcher {

    /** When calls are spaced out: after one of at least largeCall ids, by pause from its start. */
    record Pacing(int largeCall, Duration pause, Scheduler scheduler) {

        static final Pacing NONE = new Pacing(Integer.MAX_VALUE, Duration.ZERO, Schedulers.parallel());
    }

    /** Removes these inbox ids of the connection's device; described are what was sent under some of them. */
    interface Removal {
        Mono<?> remove(List<String> ids, List<AckedEntry> described);
    }

    private record Waiting(String requestId, Collection<String> ids, List<String> unknown, List<AckedEntry> described) {
    }

    /** Someone waiting until the first upTo submitted acks are done. */
    private record Follower(long upTo, Sinks.Empty<Void> done) {
    }

    private final Connection connection;
    private final Removal removal;
    private final int maxIdsPerCall;
    private final int maxWaiting;
    private final Pacing pacing;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final ArrayDeque<Follower> followers = new ArrayDeque<>();
    private boolean calling;
    private long submitted;
    private long finished;
    /** Scheduler time (ns) before which no call starts; set by the start of a large call. */
    private long pausedUntil = Long.MIN_VALUE;

    AckBatcher(Connection connection, Removal removal, int maxIdsPerCall, int maxWaiting) {
        this(connection, removal, maxIdsPerCall, maxWaiting, Pacing.NONE);
    }

    AckBatcher(Connection connection, Removal removal, int maxIdsPerCall, int maxWaiting, Pacing pacing) {
        this.connection = connection;
        this.removal = removal;
        this.maxIdsPerCall = maxIdsPerCall;
        this.maxWaiting = maxWaiting;
        this.pacing = pacing;
    }

    /**
     * Queues the removal of ids (at most maxIdsPerCall, all delivered on this connection); the answer
     * names the unknown ones. Returns false, and queues nothing, when too many acks already wait.
     */
    boolean submit(String requestId, Collection<String> ids, List<String> unknown) {
        return submit(requestId, ids, unknown, List.of());
    }

    /** As above, with what this connection sent under some of the ids (message-service then skips reading them). */
    boolean submit(String requestId, Collection<String> ids, List<String> unknown, List<AckedEntry> described) {
        List<Waiting> batch;
        synchronized (this) {
            if (waiting.size() >= maxWaiting) {
                return false;
            }
            waiting.add(new Waiting(requestId, List.copyOf(ids), List.copyOf(unknown), List.copyOf(described)));
            submitted++;
            batch = nextBatch();
        }
        call(batch);
        return true;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** Completes once every ack submitted so far is done (removed, or answered with an error). */
    synchronized Mono<Void> whenDone() {
        if (finished == submitted) {
            return Mono.empty();
        }
        Follower follower = new Follower(submitted, Sinks.empty());
        followers.add(follower);
        return follower.done().asMono();
    }

    /**
     * Takes the oldest waiting acks whose ids fit one call (always at least one), or null when a call
     * runs, none waits, or the pause after a large call has not passed (the call is scheduled for
     * its end). Caller holds the lock.
     */
    private List<Waiting> nextBatch() {
        if (calling || waiting.isEmpty()) {
            return null;
        }
        calling = true;
        long now = pacing.scheduler().now(TimeUnit.NANOSECONDS);
        if (now < pausedUntil) {
            pacing.scheduler().schedule(this::afterPause, pausedUntil - now, TimeUnit.NANOSECONDS);
            return null;
        }
        List<Waiting> batch = new ArrayList<>();
        int ids = 0;
        while (!waiting.isEmpty() && (batch.isEmpty() || ids + waiting.peek().ids().size() <= maxIdsPerCall)) {
            Waiting next = waiting.poll();
            ids += next.ids().size();
            batch.add(next);
        }
        pausedUntil = ids >= pacing.largeCall() ? now + pacing.pause().toNanos() : Long.MIN_VALUE;
        return batch;
    }

    private void afterPause() {
        List<Waiting> batch;
        synchronized (this) {
            calling = false;
            batch = nextBatch();
        }
        call(batch);
    }

    private void call(List<Waiting> batch) {
        if (batch == null) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        List<AckedEntry> described = new ArrayList<>();
        batch.forEach(ack -> {
            ids.addAll(ack.ids());
            described.addAll(ack.described());
        });
        removal.remove(List.copyOf(ids), described).subscribe(
                result -> { },
                error -> done(batch, error),
                () -> done(batch, null));
    }

    private void done(List<Waiting> batch, Throwable error) {
        for (Waiting ack : batch) {
            connection.send(answer(ack, error));
        }
        List<Waiting> next;
        List<Follower> released = new ArrayList<>();
        synchronized (this) {
            calling = false;
            finished += batch.size();
            while (!followers.isEmpty() && followers.peek().upTo() <= finished) {
                released.add(followers.poll());
            }
            next = nextBatch();
        }
        released.forEach(follower -> follower.done().tryEmitEmpty());
        call(next);
    }

    private static ServerFrame answer(Waiting ack, Throwable error) {
        if (error != null) {
            // The ids stay acknowledged on this connection: the client repeats the ack and it is accepted.
            ErrorCode code = error instanceof MessageServiceException refusal
                    ? refusal.code() : ErrorCode.MESSAGE_STORE_UNAVAILABLE;
            return ServerFrames.error(ack.requestId(), code, error.getMessage());
        }
        return ack.unknown().isEmpty()
                ? ServerFrame.newBuilder().setRequestId(ack.requestId()).setOk(Ok.getDefaultInstance()).build()
                : AckHandler.unknownIds(ack.requestId(), ack.unknown());
    }
}
