package io.chatserver.wshandler.presence;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.PresenceUpdate;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ServerFrames;
import io.chatserver.wshandler.dispatch.FrameHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * SubscribePresence: the connection watches exactly the listed users from now on. Answered by a
 * PresenceUpdate with each one's state as this user may see it (lastseen-service applies privacy);
 * a refused frame (1002 bad or own id, 1401 no such user, 1602 too many, 1006 too often, 1603
 * lastseen-service away) gets an Error and leaves the previous subscription as it was.
 */
@Component
final class SubscribePresenceHandler implements FrameHandler {

    private final PresenceWatchers watchers;
    private final LastseenClient lastseen;
    private final PresenceProperties properties;

    SubscribePresenceHandler(PresenceWatchers watchers, LastseenClient lastseen, PresenceProperties properties) {
        this.watchers = watchers;
        this.lastseen = lastseen;
        this.properties = properties;
    }

    @Override
    public ClientFrame.BodyCase bodyCase() {
        return ClientFrame.BodyCase.SUBSCRIBE_PRESENCE;
    }

    @Override
    public Mono<Void> handle(Connection connection, ClientFrame frame) {
        String requestId = frame.getRequestId();
        if (!watchers.tryAcquire(connection)) {
            return refuse(connection, requestId, ErrorCode.RATE_LIMITED, "at most " + properties.subscribeRatePerSecond()
                    + " presence subscriptions a second");
        }
        List<String> ids = frame.getSubscribePresence().getUserIdsList();
        if (ids.size() > properties.maxUsers()) {
            return refuse(connection, requestId, ErrorCode.PRESENCE_TOO_MANY_USERS,
                    "at most " + properties.maxUsers() + " users at once, not " + ids.size());
        }
        Set<UUID> users = new LinkedHashSet<>();
        for (String id : ids) {
            UUID user;
            try {
                user = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                return refuse(connection, requestId, ErrorCode.VALIDATION_FAILED, "user_ids: not a UUID: " + id);
            }
            if (user.equals(connection.device().userId())) {
                return refuse(connection, requestId, ErrorCode.VALIDATION_FAILED, "user_ids: one's own presence is not watched");
            }
            users.add(user);
        }
        List<UUID> watched = List.copyOf(users);
        if (watched.isEmpty()) {
            return watchers.replace(connection, watched).then(Mono.fromRunnable(() ->
                    connection.send(update(requestId, List.of()))));
        }
        UUID viewer = connection.device().userId();
        Map<UUID, Boolean> previous = watchers.visibility(connection);
        // Watched first, asked after: a change between the two is noted and read again, none falls between.
        return watchers.replace(connection, watched)
                .onErrorMap(e -> !(e instanceof ChatException), e -> new ChatException(ErrorCode.PRESENCE_UNAVAILABLE,
                        "the watcher sets could not be written: " + e.getClass().getSimpleName()))
                .then(lastseen.views(viewer, watched))
                .flatMap(views -> views.unknown().isEmpty() ? Mono.just(views)
                        : Mono.error(new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no users " + views.unknown())))
                .flatMap(views -> {
                    Set<UUID> changed = watchers.decided(connection, visibilityOf(views));
                    connection.send(update(requestId, views.views()));
                    return readAgain(connection, changed);
                })
                .onErrorResume(ChatException.class, e -> restore(connection, previous)
                        .then(refuse(connection, requestId, e.code(), e.getMessage())));
    }

    /** A refused subscription: the connection watches what it did before, as it was decided then. */
    private Mono<Void> restore(Connection connection, Map<UUID, Boolean> previous) {
        return watchers.restore(connection, List.copyOf(previous.keySet()))
                .onErrorResume(e -> Mono.empty()) // the sets are written again within refreshInterval
                .then(Mono.defer(() -> readAgain(connection, watchers.decided(connection, previous))));
    }

    private Mono<Void> readAgain(Connection connection, Set<UUID> changed) {
        return changed.isEmpty() ? Mono.empty()
                : PresenceCommands.pushAgain(lastseen, watchers, connection, new ArrayList<>(changed));
    }

    static Map<UUID, Boolean> visibilityOf(LastseenClient.Views views) {
        Map<UUID, Boolean> visibility = new HashMap<>();
        views.views().forEach(view -> visibility.put(view.userId(), view.visible()));
        return visibility;
    }

    static ServerFrame update(String requestId, List<LastseenClient.View> views) {
        PresenceUpdate.Builder update = PresenceUpdate.newBuilder();
        views.forEach(view -> update.addUsers(view.wire()));
        return ServerFrame.newBuilder().setRequestId(requestId).setPresence(update).build();
    }

    private static Mono<Void> refuse(Connection connection, String requestId, ErrorCode code, String message) {
        connection.send(ServerFrames.error(requestId, code, message));
        return Mono.empty();
    }
}
