package io.chatserver.wshandler.connection;

import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.wshandler.WsHandlerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Duration;

/**
 * Graceful shutdown (SIGTERM, rolling update): before the web server stops, every client gets
 * GoingAway (reconnect=true) and close 1001, and new connections are refused the same way. Runs in the
 * last-started phase, so it stops first.
 */
@Component
public final class ConnectionDrainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionDrainer.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final LocalConnections connections;
    private final WsHandlerProperties properties;
    private volatile boolean running;
    private volatile boolean draining;

    ConnectionDrainer(LocalConnections connections, WsHandlerProperties properties) {
        this.connections = connections;
        this.properties = properties;
    }

    public boolean isDraining() {
        return draining;
    }

    @Override
    public void start() {
        draining = false;
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        draining = true;
        int open = connections.size();
        log.info("shutting down: closing {} connections", open);
        connections.snapshot().forEach(c -> c.goAway(ErrorCode.SESSION_SERVER_SHUTDOWN, true));
        Flux.interval(POLL)
                .takeUntil(tick -> connections.openSockets() == 0)
                .take(properties.shutdownGrace())
                .doFinally(signal -> {
                    running = false;
                    callback.run();
                })
                .subscribe();
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
