package io.chatserver.messageservice.fanout;

import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How the group consumers handle a polled batch: one key's (group's) records one after the other in
 * the key's own order (seq, version; two producers can put them on the partition the other way
 * round), up to {@code parallel} keys side by side, and return only when all are done, so the
 * offsets committed after it are of handled records only. Throws when one failed or the batch took
 * longer than {@code timeout}: the error handler then runs the batch again.
 */
public final class OrderedBatch {

    private static final Logger log = LoggerFactory.getLogger(OrderedBatch.class);

    /** Reads a record's value; throws for one that can never be handled. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(byte[] value) throws Exception;
    }

    private OrderedBatch() {
    }

    /** Records the reader refuses are skipped (trying again cannot help), logged and counted. */
    public static <T> void handle(List<ConsumerRecord<String, byte[]>> records, Reader<T> reader, Comparator<T> order,
            Function<T, Mono<Void>> handler, int parallel, Duration timeout, Counter unreadable) {
        Map<String, List<T>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                T value = reader.read(record.value());
                byKey.computeIfAbsent(String.valueOf(record.key()), key -> new ArrayList<>()).add(value);
            } catch (Exception e) {
                unreadable.increment();
                log.error("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.toString());
            }
        }
        // Stable: records equal in order (a record Kafka has twice) keep their partition order.
        byKey.values().forEach(inOrder -> inOrder.sort(order));
        Flux.fromIterable(byKey.values())
                .flatMap(inOrder -> Flux.fromIterable(inOrder).concatMap(handler), parallel)
                .then()
                .block(timeout);
    }
}
