package io.chatserver.lastseenservice.contacts;

import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Contacts in MySQL (contacts): one row per (owner, contact), one direction, saved through the API
 * or messaged (the owner sent the contact a one-to-one message), or both.
 */
@Component
public final class ContactStore {

    private final BlockingDatabase db;
    private final Clock clock;

    ContactStore(BlockingDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Saves the contact unless the owner already saved limit others; emits false then. Saving one
     * already saved changes nothing and emits true; one the owner messaged becomes saved too. The count
     * and the write run in one transaction that locks the owner's rows, so parallel saves cannot pass
     * the limit together.
     */
    public Mono<Boolean> add(UUID owner, UUID contact, int limit) {
        return db.inTransaction(jdbc -> {
            Map<String, Boolean> rows = new HashMap<>();
            jdbc.sql("SELECT contact_id, saved FROM contacts WHERE owner_id = ? FOR UPDATE")
                    .param(owner.toString())
                    .query((row, i) -> rows.put(row.getString(1), row.getBoolean(2))).list();
            Boolean saved = rows.get(contact.toString());
            if (Boolean.TRUE.equals(saved)) {
                return true;
            }
            if (rows.values().stream().filter(Boolean::booleanValue).count() >= limit) {
                return false;
            }
            jdbc.sql("""
                            INSERT INTO contacts (owner_id, contact_id, added_at, saved, messaged) VALUES (?, ?, ?, TRUE, FALSE)
                            ON DUPLICATE KEY UPDATE saved = TRUE""")
                    .params(owner.toString(), contact.toString(), clock.millis()).update();
            return true;
        });
    }

    /** Unsaves the contact; one the owner messaged stays a contact (see markMessaged). */
    public Mono<Void> remove(UUID owner, UUID contact) {
        return db.inTransaction(jdbc -> {
            jdbc.sql("UPDATE contacts SET saved = FALSE WHERE owner_id = ? AND contact_id = ?")
                    .params(owner.toString(), contact.toString()).update();
            return jdbc.sql("DELETE FROM contacts WHERE owner_id = ? AND contact_id = ? AND NOT saved AND NOT messaged")
                    .params(owner.toString(), contact.toString()).update();
        }).then();
    }

    /**
     * Each owner sent their contact a message: makes the contact theirs. Emits the owners for whom
     * something changed (a new contact), not those who had them already.
     */
    public Mono<Set<UUID>> markMessaged(List<Pair> pairs) {
        return db.call(jdbc -> {
            Set<UUID> changed = new HashSet<>();
            for (Pair pair : pairs) {
                int rows = jdbc.sql("""
                                INSERT INTO contacts (owner_id, contact_id, added_at, saved, messaged) VALUES (?, ?, ?, FALSE, TRUE)
                                ON DUPLICATE KEY UPDATE messaged = TRUE""")
                        .params(pair.owner().toString(), pair.contact().toString(), pair.atMs()).update();
                // MySQL counts 1 for a new row, 2 for a changed one, 0 when it was already so.
                if (rows > 0) {
                    changed.add(pair.owner());
                }
            }
            return changed;
        });
    }

    public Mono<List<Contact>> list(UUID owner) {
        return db.call(jdbc -> jdbc.sql("""
                        SELECT contact_id, added_at, saved, messaged FROM contacts WHERE owner_id = ?
                        ORDER BY added_at, contact_id""")
                .param(owner.toString())
                .query((row, i) -> new Contact(UUID.fromString(row.getString(1)), row.getLong(2), row.getBoolean(3),
                        row.getBoolean(4)))
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

    /** saved: through the API; messaged: the owner sent them a one-to-one message. Either makes a contact. */
    public record Contact(UUID userId, long addedAtMs, boolean saved, boolean messaged) {
    }

    /** The owner messaged the contact at atMs. */
    public record Pair(UUID owner, UUID contact, long atMs) {
    }

    /** savedUser: the others who have the user among their contacts; savedByUser: those the user has among theirs. */
    public record Relations(Set<UUID> savedUser, Set<UUID> savedByUser) {
    }
}
