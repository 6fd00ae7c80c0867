package io.chatserver.lastseenservice.presence;

import io.chatserver.lastseenservice.contacts.ContactStore;
import io.chatserver.lastseenservice.lastseen.LastSeenStore;
import io.chatserver.lastseenservice.privacy.PrivacyStore;
import io.chatserver.lastseenservice.users.UserDirectory;
import io.chatserver.platform.registry.RegistryLookup;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user's presence as one viewer may see it: privacy first, then the registry and the last-seen store. */
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
        if (viewer.equals(target)) {
            return current(target);
        }
        return users.requireExisting(target)
                .then(Mono.zip(privacy.visibilities(List.of(viewer, target)), contacts.between(viewer, target)))
                .flatMap(t -> PresenceRule.visible(t.getT1().get(target), t.getT2().bSavedA(),
                        t.getT1().get(viewer), t.getT2().aSavedB())
                        ? current(target) : Mono.just(PresenceView.hidden(target)));
    }

    private Mono<PresenceView> current(UUID userId) {
        return registry.userSessions(userId).hasElements()
                .flatMap(online -> online ? Mono.just(new PresenceView(userId, PresenceView.State.ONLINE, null))
                        : lastSeen.lastSeen(userId).map(seen -> new PresenceView(userId, PresenceView.State.OFFLINE,
                                seen.map(Instant::toEpochMilli).orElse(null))));
    }
}
