package io.chatserver.wshandler.connection;

import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ServerFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Connection metrics; tags are frame types and error names only (low cardinality). */
@Component
public final class ConnectionMetrics {

    static final String CONNECTIONS = "chat.ws.connections";
    static final String FRAMES_IN = "chat.ws.frames.in";
    static final String FRAMES_OUT = "chat.ws.frames.out";
    static final String CLOSES = "chat.ws.closes";
    static final String FRAMES_TIMED_OUT = "chat.ws.frames.timed-out";
    static final String OVERFLOWS = "chat.ws.outbound.overflow";

    private final MeterRegistry meters;
    private final Counter overflows;

    ConnectionMetrics(MeterRegistry meters, LocalConnections connections) {
        this.meters = meters;
        Gauge.builder(CONNECTIONS, connections, LocalConnections::size)
                .description("Open, registered client connections on this instance").register(meters);
        this.overflows = Counter.builder(OVERFLOWS)
                .description("Connections closed because their outbound queue was full").register(meters);
    }

    /** An inbound frame by body type, or "invalid" for one that could not be decoded. */
    public void frameIn(String type) {
        meters.counter(FRAMES_IN, "type", type).increment();
    }

    /** A frame its handler did not finish within the frame timeout (answered with 1008). */
    public void frameTimedOut(ClientFrame.BodyCase type) {
        meters.counter(FRAMES_TIMED_OUT, "type", type.name().toLowerCase()).increment();
    }

    public void frameIn(ClientFrame.BodyCase type) {
        frameIn(type.name().toLowerCase());
    }

    void frameOut(ServerFrame.BodyCase type) {
        meters.counter(FRAMES_OUT, "type", type.name().toLowerCase()).increment();
    }

    /** A closed connection by reason: an ErrorCode name, or CLIENT when the client closed. */
    void closed(String reason) {
        meters.counter(CLOSES, "reason", reason).increment();
    }

    void overflow() {
        overflows.increment();
    }
}
