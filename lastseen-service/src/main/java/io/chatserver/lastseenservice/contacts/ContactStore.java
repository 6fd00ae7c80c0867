package io.chatserver.lastseenservice.contacts;

import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Saved contacts in MySQL (contacts): one row per (owner, contact), one direction. */
@Component
public final class ContactStore {

    private final BlockingDatabase db;
    private final Clock clock;

    ContactStore(BlockingDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Saves the contact unless the owner already has limit others; emits false then. Saving one
     * already saved changes nothing and emits true. The count and the insert run in one transaction
     * that locks the owner's rows, so parallel saves cannot pass the limit together.
     */
    public Mono<Boolean> add(UUID owner, UUID contact, int limit) {
        return db.inTransaction(jdbc -> {
            List<String> saved = jdbc.sql("SELECT contact_id FROM contacts WHERE owner_id = ? FOR UPDATE")
                    .param(owner.toString()).query(String.class).list();
            if (saved.contains(contact.toString())) {
                return true;
            }
            if (saved.size() >= limit) {
                return false;
            }
            jdbc.sql("INSERT INTO contacts (owner_id, contact_id, added_at) VALUES (?, ?, ?)")
                    .params(owner.toString(), contact.toString(), clock.millis()).update();
            return true;
        });
    }

    public Mono<Void> remove(UUID owner, UUID contact) {
        return db.call(jdbc -> jdbc.sql("DELETE FROM contacts WHERE owner_id = ? AND contact_id = ?")
                .params(owner.toString(), contact.toString()).update()).then();
    }

    public Mono<List<Contact>> list(UUID owner) {
        return db.call(jdbc -> jdbc.sql("SELECT contact_id, added_at FROM contacts WHERE owner_id = ? ORDER BY added_at, contact_id")
                .param(owner.toString())
                .query((row, i) -> new Contact(UUID.fromString(row.getString(1)), row.getLong(2)))
                .list());
    }

    /** Of the others, who saved the user, and whom the user saved: two queries for any number of others. */
    public Mono<Relations> relations(UUID user, Collection<UUID> others) {
        List<String> ids = others.stream().map(UUID::toString).toList();
        return db.call(jdbc -> {
            Set<UUID> savedUser = jdbc.sql("SELECT owner_id FROM contacts WHERE contact_id = :user AND owner_id IN (:ids)")
                    .param("user", user.toString()).param("ids", ids)
                    .query((row, i) -> UUID.fromString(row.getString(1))).set();
            Set<UUID> savedByUser = jdbc.sql("SELECT contact_id FROM contacts WHERE owner_id = :user AND contact_id IN (:ids)")
                    .param("user", user.toString()).param("ids", ids)
                    .query((row, i) -> UUID.fromString(row.getString(1))).set();
            return new Relations(savedUser, savedByUser);
        });
    }

    public record Contact(UUID userId, long addedAtMs) {
    }

    /** savedUser: the others who have the user among their contacts; savedByUser: those the user has among theirs. */
    public record Relations(Set<UUID> savedUser, Set<UUID> savedByUser) {
    }
}
