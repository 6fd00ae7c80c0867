package io.chatserver.loadtest.scenario;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Sends at fixed moments, start + i / rate, whether or not earlier sends were answered: a stall
 * delays what follows but not its intended moment, so latency measured from that moment counts the
 * stall in full (no coordinated omission).
 */
final class OpenLoop {

    private OpenLoop() {
    }

    /**
     * Calls {@code sendAt} with each intended moment (System.nanoTime) before {@code end}, which
     * may move while the loop runs; those due before the end are sent, however late. Returns how many.
     */
    static long run(long start, LongSupplier end, int rate, LongConsumer sendAt) {
        long periodNanos = 1_000_000_000L / rate;
        long scheduled = 0;
        for (long now = System.nanoTime(); now < end.getAsLong(); now = System.nanoTime()) {
            for (long due = (now - start) / periodNanos; scheduled <= due; scheduled++) {
                sendAt.accept(start + scheduled * periodNanos);
            }
            LockSupport.parkNanos(200_000);
        }
        for (long intended = start + scheduled * periodNanos; intended < end.getAsLong();
                intended = start + ++scheduled * periodNanos) {
            sendAt.accept(intended);
        }
        return scheduled;
    }
}
