package io.chatserver.groupservice.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code chat.groups.cache{outcome=hit|miss|error}} and {@code chat.groups.cache.write.failed}. */
final class CacheMetrics {

    static final String LOOKUPS = "chat.groups.cache";
    static final String WRITE_FAILED = "chat.groups.cache.write.failed";

    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Counter writeFailures;

    CacheMetrics(MeterRegistry meters) {
        this.hits = meters.counter(LOOKUPS, "outcome", "hit");
        this.misses = meters.counter(LOOKUPS, "outcome", "miss");
        this.errors = meters.counter(LOOKUPS, "outcome", "error");
        this.writeFailures = meters.counter(WRITE_FAILED);
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    void error() {
        errors.increment();
    }

    void writeFailed() {
        writeFailures.increment();
    }
}
