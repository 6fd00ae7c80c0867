package io.chatserver.wshandler.connection;

import io.chatserver.platform.queue.QueueMonitor;
import org.springframework.stereotype.Component;

/**
 * The outbound queues of all connections as one gauge, {@code chat.queue.ws.outbound}. Each is
 * bounded (a full one closes its connection with 4429); a large sum means many slow clients or a
 * handler that cannot write fast enough.
 */
@Component
final class OutboundQueues {

    static final long DEFAULT_ALERT_AT = 50_000;

    OutboundQueues(QueueMonitor queues, LocalConnections connections) {
        queues.register("ws.outbound", "Frames queued for clients on this instance",
                () -> connections.snapshot().stream().mapToInt(Connection::queued).sum(), DEFAULT_ALERT_AT);
    }
}
