package io.chatserver.lastseenservice.contacts;

import io.chatserver.lastseenservice.PresenceProperties;
import io.chatserver.lastseenservice.presence.PresenceFanout;
import io.chatserver.lastseenservice.users.UserDirectory;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.security.AuthenticatedDevice;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * The caller's saved contacts: who counts as "my contacts" for the CONTACTS privacy setting
 * (docs/protocol.md, "Presence"). Saving someone needs no consent from them.
 */
@RestController
final class ContactController {

    private final ContactStore store;
    private final UserDirectory users;
    private final PresenceProperties properties;
    private final PresenceFanout fanout;

    ContactController(ContactStore store, UserDirectory users, PresenceProperties properties, PresenceFanout fanout) {
        this.store = store;
        this.users = users;
        this.properties = properties;
        this.fanout = fanout;
    }

    @GetMapping("/v1/contacts")
    Mono<ContactList> list(@AuthenticationPrincipal AuthenticatedDevice device) {
        return store.list(device.userId()).map(ContactList::new);
    }

    /** 204 once saved (or when it already was); 1401 for no such user, 1002 for oneself, 1601 over the limit. */
    @PutMapping("/v1/contacts/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> add(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable UUID userId) {
        if (userId.equals(device.userId())) {
            return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED, "you cannot save yourself as a contact"));
        }
        return users.requireExisting(userId)
                .then(store.add(device.userId(), userId, properties.maxContacts()))
                .flatMap(saved -> saved ? fanout.privacyChanged(device.userId()) : Mono.error(new ChatException(
                        ErrorCode.CONTACT_LIMIT_REACHED, "at most " + properties.maxContacts() + " contacts")));
    }

    /** 204 whether or not it was saved. */
    @DeleteMapping("/v1/contacts/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable UUID userId) {
        return store.remove(device.userId(), userId).then(fanout.privacyChanged(device.userId()));
    }

    record ContactList(List<ContactStore.Contact> contacts) {
    }
}
