package io.chatserver.lastseenservice.presence;

import io.chatserver.lastseenservice.contacts.ContactStore;
import io.chatserver.lastseenservice.lastseen.LastSeenStore;
import io.chatserver.lastseenservice.privacy.PrivacyStore;
import io.chatserver.lastseenservice.privacy.Visibility;
import io.chatserver.lastseenservice.users.UserDirectory;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.registry.RegistryLookup;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Users' presence as one viewer may see it: privacy first, then the registry and the last-seen store. */
@Component
public final class Presences {

    private final UserDirectory users;
    private final PrivacyStore privacy;
    private final ContactStore contacts;
    private final RegistryLookup registry;
    private final LastSeenStore lastSeen;

    Presences(UserDirectory users, PrivacyStore privacy, ContactStore contacts, RegistryLookup registry,
            LastSeenStore lastSeen) {
        this.users = users;
        this.privacy = privacy;
        this.contacts = contacts;
        this.registry = registry;
        this.lastSeen = lastSeen;
    }

    /** 1401 for a user id that is not an account. */
    public Mono<PresenceView> of(UUID viewer, UUID target) {
        return views(viewer, List.of(target)).flatMap(views -> views.unknown().isEmpty()
                ? Mono.just(views.views().get(0))
                : Mono.error(new ChatException(ErrorCode.PROFILE_NOT_FOUND, "no user " + target)));
    }

    /** The targets (distinct) as the viewer may see them, in the order given; ids that are no account apart. */
    public Mono<Views> views(UUID viewer, List<UUID> targets) {
        List<UUID> others = targets.stream().filter(target -> !target.equals(viewer)).toList();
        Mono<Set<UUID>> existing = others.isEmpty() ? Mono.just(Set.of()) : users.existing(others);
        return existing.flatMap(known -> {
            List<UUID> unknown = others.stream().filter(target -> !known.contains(target)).toList();
            List<UUID> found = targets.stream().filter(target -> !unknown.contains(target)).toList();
            List<UUID> settingsOf = new ArrayList<>(found);
            settingsOf.add(viewer);
            Mono<ContactStore.Relations> relations = known.isEmpty()
                    ? Mono.just(new ContactStore.Relations(Set.of(), Set.of())) : contacts.relations(viewer, known);
            return Mono.zip(privacy.visibilities(settingsOf), relations)
                    .flatMap(t -> {
                        List<UUID> visible = found.stream().filter(target -> visible(viewer, target, t.getT1(), t.getT2()))
                                .toList();
                        return current(visible).map(states -> found.stream()
                                .map(target -> states.getOrDefault(target, PresenceView.hidden(target))).toList());
                    })
                    .map(views -> new Views(views, unknown));
        });
    }

    private static boolean visible(UUID viewer, UUID target, Map<UUID, Visibility> settings,
            ContactStore.Relations relations) {
        return viewer.equals(target) || PresenceRule.visible(settings.get(target), relations.savedUser().contains(target),
                settings.get(viewer), relations.savedByUser().contains(target));
    }

    /** The user's state before privacy: online while a device is in the registry, else last seen. */
    public Mono<PresenceView> current(UUID userId) {
        return current(List.of(userId)).map(states -> states.get(userId));
    }

    /** Several users' states: one registry script for who is online, one ZMSCORE for the others' last seen. */
    private Mono<Map<UUID, PresenceView>> current(List<UUID> userIds) {
        return registry.online(userIds).flatMap(online -> {
            Map<UUID, PresenceView> states = new HashMap<>();
            List<UUID> offline = new ArrayList<>();
            for (int i = 0; i < userIds.size(); i++) {
                if (online.get(i)) {
                    states.put(userIds.get(i), new PresenceView(userIds.get(i), PresenceView.State.ONLINE, null));
                } else {
                    offline.add(userIds.get(i));
                }
            }
            return lastSeen.lastSeen(offline).map(seen -> {
                for (int i = 0; i < offline.size(); i++) {
                    states.put(offline.get(i), new PresenceView(offline.get(i), PresenceView.State.OFFLINE,
                            seen.get(i).map(Instant::toEpochMilli).orElse(null)));
                }
                return states;
            });
        });
    }

    /** views: one per known target, in order; unknown: the ids that are no account. */
    public record Views(List<PresenceView> views, List<UUID> unknown) {
    }
}
