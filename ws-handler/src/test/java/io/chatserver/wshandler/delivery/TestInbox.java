package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.internal.v1.InboxPage;
import io.chatserver.protocol.v1.ServerFrame;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory inbox for {@link DeliveryPump}: entries in timeuuid order like the store, every
 * page call recorded, and calls that can be held (answered later by the test), failed or answered
 * empty. A held call answers with what the store held when it was made, like a real read.
 */
final class TestInbox implements DeliveryPump.Inbox {

    /** One page call and, when held, its pending answer. */
    static final class Call {
        final String after;
        final int limit;
        final InboxPage snapshot;
        final Sinks.One<InboxPage> answer = Sinks.one();

        Call(String after, int limit, InboxPage snapshot) {
            this.after = after;
            this.limit = limit;
            this.snapshot = snapshot;
        }

        /** Answers with what the store held when the call was made. */
        void answer() {
            answer.tryEmitValue(snapshot).orThrow();
        }

        void fail() {
            answer.tryEmitError(new IllegalStateException("message-service unavailable")).orThrow();
        }

        @Override
        public String toString() {
            return "page(after=" + after + ", limit=" + limit + ")";
        }
    }

    private final NavigableMap<UUID, ServerFrame> store = new TreeMap<>(TimeIds.TIME_ORDER);
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Calls (by index) answered with an error. */
    final Set<Integer> failing = ConcurrentHashMap.newKeySet();
    /** Calls (by index) answered by an empty Mono. */
    final Set<Integer> empty = ConcurrentHashMap.newKeySet();
    /** Calls are held until the test answers them. */
    volatile boolean hold;
    volatile long now;
    /** Runs once, at the next nowMillis() call. */
    volatile Runnable atNextNow;

    TestInbox(long nowMillis) {
        this.now = nowMillis;
    }

    synchronized void add(ServerFrame frame) {
        store.put(UUID.fromString(EntryIds.of(frame)), frame);
    }

    synchronized void remove(Collection<String> ids) {
        ids.forEach(id -> store.remove(UUID.fromString(id)));
    }

    Call call(int index) {
        return calls.get(index);
    }

    Call lastCall() {
        return calls.get(calls.size() - 1);
    }

    @Override
    public Mono<InboxPage> page(String after, int limit) {
        Call call;
        int index;
        synchronized (this) {
            call = new Call(after, limit, read(after, limit));
            calls.add(call);
            index = calls.size() - 1;
        }
        if (failing.contains(index)) {
            return Mono.error(new IllegalStateException("message-service unavailable"));
        }
        if (empty.contains(index)) {
            return Mono.empty();
        }
        return hold ? call.answer.asMono() : Mono.just(call.snapshot);
    }

    @Override
    public long nowMillis() {
        Runnable hook = atNextNow;
        if (hook != null) {
            atNextNow = null;
            hook.run();
        }
        return now;
    }

    private InboxPage read(String after, int limit) {
        NavigableMap<UUID, ServerFrame> rest = after == null ? store : store.tailMap(UUID.fromString(after), false);
        List<ServerFrame> frames = new ArrayList<>(rest.values()).subList(0, Math.min(limit, rest.size()));
        return InboxPage.newBuilder().addAllFrames(frames).setMore(rest.size() > limit).build();
    }
}
