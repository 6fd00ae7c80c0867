package io.chatserver.messageservice.send;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.queue.QueueAlertProperties;
import io.chatserver.platform.queue.QueueMonitor;
import io.chatserver.protocol.v1.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendsInFlightTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final QueueMonitor queues = new QueueMonitor(meters, new QueueAlertProperties(Map.of(), Duration.ofHours(1)));
    private final SendsInFlight gate = new SendsInFlight(new MessagingProperties(65_536, Duration.ofDays(30),
            MessagingProperties.Retention.RELAY, 100, 500, 10, URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"),
            Duration.ofSeconds(2), 4096, 2, 0, Duration.ofMinutes(10)), queues);

    @Test
    void pastTheBoundASendIsRefusedRetryablyWithoutBeingStartedAndAFinishedOneFreesItsPlace() {
        Sinks.One<String> first = Sinks.one();
        Sinks.One<String> second = Sinks.one();
        var a = gate.run(first.asMono()).toFuture();
        var b = gate.run(second.asMono()).toFuture();
        assertThat(meters.get("chat.queue.send.inflight").gauge().value()).isEqualTo(2);

        AtomicBoolean started = new AtomicBoolean();
        assertThatThrownBy(() -> gate.run(Mono.fromCallable(() -> started.getAndSet(true))).block())
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_STORE_UNAVAILABLE));
        assertThat(started).isFalse();

        first.tryEmitValue("stored").orThrow();
        second.tryEmitError(new IllegalStateException("failed")).orThrow();
        assertThat(a).isCompletedWithValue("stored");
        assertThat(b).isCompletedExceptionally();
        assertThat(gate.run(Mono.just("third")).block()).isEqualTo("third");
        assertThat(meters.get("chat.queue.send.inflight").gauge().value()).isZero();
    }
}
