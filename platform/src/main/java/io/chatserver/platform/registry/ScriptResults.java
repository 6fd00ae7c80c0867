package io.chatserver.platform.registry;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/** Flattens a Lua table reply into strings, whether the driver emits it as one list or element by element. */
public final class ScriptResults {

    private ScriptResults() {
    }

    @SuppressWarnings("rawtypes")
    public static Mono<List<String>> strings(Flux<List> reply) {
        return reply.collectList().map(chunks -> {
            List<String> values = new ArrayList<>();
            chunks.forEach(chunk -> flatten(chunk, values));
            return values;
        });
    }

    private static void flatten(Object value, List<String> into) {
        if (value instanceof List<?> list) {
            list.forEach(element -> flatten(element, into));
        } else if (value != null) {
            into.add(value.toString());
        }
    }
}
