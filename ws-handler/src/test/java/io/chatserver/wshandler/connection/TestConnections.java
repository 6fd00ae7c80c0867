package io.chatserver.wshandler.connection;

import io.chatserver.platform.security.AuthenticatedDevice;
import io.chatserver.protocol.WireFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Builds connections over a {@link RecordingSession} for unit tests of other packages. */
public final class TestConnections {

    public static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final ConnectionMetrics METRICS = new ConnectionMetrics(METERS, new LocalConnections());

    private TestConnections() {
    }

    public static ConnectionMetrics metrics() {
        return METRICS;
    }

    public static Connection open(RecordingSession session, WireFormat format, int queueSize) {
        Connection connection = new Connection(session, format, new AuthenticatedDevice(UUID.randomUUID(), 1, 1),
                "session-1", Instant.EPOCH, queueSize, Duration.ofSeconds(30), METRICS);
        connection.writeOutbound(Duration.ofHours(1)).subscribe();
        return connection;
    }
}
