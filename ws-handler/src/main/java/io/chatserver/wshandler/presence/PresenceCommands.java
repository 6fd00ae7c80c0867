package io.chatserver.wshandler.presence;

import io.chatserver.protocol.internal.v1.PresenceChanged;
import io.chatserver.protocol.v1.PresenceUpdate;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.LocalConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * PresenceChanged commands from lastseen-service: a watched user's new state goes to each local
 * watcher allowed to see it; a privacy change has the watchers of that user, and that user's own
 * watches, decided again by lastseen-service and sent what they may see now.
 */
@Component
public final class PresenceCommands {

    private static final Logger log = LoggerFactory.getLogger(PresenceCommands.class);

    private final PresenceWatchers watchers;
    private final LastseenClient lastseen;
    private final LocalConnections connections;
    /** The newest version pushed per watched user: an older change arriving late is dropped. */
    private final ConcurrentMap<UUID, Long> versions = new ConcurrentHashMap<>();

    PresenceCommands(PresenceWatchers watchers, LastseenClient lastseen, LocalConnections connections) {
        this.watchers = watchers;
        this.lastseen = lastseen;
        this.connections = connections;
    }

    public void execute(PresenceChanged change) {
        UUID user = UUID.fromString(change.getUserId());
        if (change.getPrivacyChanged()) {
            decideAgain(user).subscribe();
            return;
        }
        var local = watchers.watchersOf(user);
        if (local.isEmpty()) {
            versions.remove(user);
            watchers.forget(user).subscribe();
            return;
        }
        long newest = versions.merge(user, change.getVersion(), Math::max);
        if (newest != change.getVersion()) {
            return;
        }
        ServerFrame frame = ServerFrame.newBuilder()
                .setPresence(PresenceUpdate.newBuilder().addUsers(change.getPresence())).build();
        for (Connection connection : local) {
            if (watchers.mayPush(connection, user)) {
                connection.send(frame);
            }
        }
    }

    private Mono<Void> decideAgain(UUID user) {
        Flux<Void> asWatched = Flux.fromIterable(watchers.watchersOf(user))
                .flatMap(connection -> pushAgain(lastseen, watchers, connection, List.of(user)), 8);
        Flux<Void> asWatcher = Flux.fromIterable(connections.snapshot())
                .filter(connection -> connection.device().userId().equals(user))
                .flatMap(connection -> {
                    List<UUID> watched = watchers.watchedBy(connection);
                    return watched.isEmpty() ? Mono.empty() : pushAgain(lastseen, watchers, connection, watched);
                });
        return asWatched.thenMany(asWatcher).then()
                .onErrorResume(e -> {
                    log.warn("could not decide the presence of {} again: {}", user, e.toString());
                    return Mono.empty();
                });
    }

    /** Asks lastseen-service what the connection may see of these users now, and sends it. */
    static Mono<Void> pushAgain(LastseenClient lastseen, PresenceWatchers watchers, Connection connection, List<UUID> users) {
        return lastseen.views(connection.device().userId(), users)
                .doOnNext(views -> {
                    watchers.decided(connection, SubscribePresenceHandler.visibilityOf(views));
                    connection.send(SubscribePresenceHandler.update("", views.views()));
                })
                .then()
                .onErrorResume(e -> Mono.empty());
    }
}
