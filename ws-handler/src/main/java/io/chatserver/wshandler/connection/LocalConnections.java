package io.chatserver.wshandler.connection;

import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The connections this instance holds, one per device. */
@Component
public final class LocalConnections {

    private final ConcurrentMap<DeviceKey, Connection> byDevice = new ConcurrentHashMap<>();
    /** Sockets still open, including those closing (no longer in the map but still flushing). */
    private final AtomicInteger openSockets = new AtomicInteger();

    /** Adds the connection; returns the device's previous connection here, which the caller must close. */
    Optional<Connection> put(Connection connection) {
        return Optional.ofNullable(byDevice.put(connection.key(), connection));
    }

    /** Removes the connection unless a newer one of the same device took its place. */
    void remove(Connection connection) {
        byDevice.remove(connection.key(), connection);
    }

    public Optional<Connection> get(DeviceKey device) {
        return Optional.ofNullable(byDevice.get(device));
    }

    public Collection<Connection> snapshot() {
        return List.copyOf(byDevice.values());
    }

    public int size() {
        return byDevice.size();
    }

    void socketOpened() {
        openSockets.incrementAndGet();
    }

    void socketClosed() {
        openSockets.decrementAndGet();
    }

    int openSockets() {
        return openSockets.get();
    }
}
