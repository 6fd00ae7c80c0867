package io.chatserver.messageservice.inbox;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.protobuf.InvalidProtocolBufferException;
import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.store.StoreFailures;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.data.cassandra.core.cql.ReactiveCqlOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The device_inbox table: one partition per device, entries in id (time) order. */
@Component
public final class InboxStore {

    private static final String COLUMNS = "entry_id, kind, conversation_id, sender_user_id, sender_device_id, seq, frame";

    private final ReactiveCqlOperations cql;
    private final MessagingProperties properties;
    private final Clock clock;
    private final PreparedStatement insert;
    private final PreparedStatement firstPage;
    private final PreparedStatement nextPage;
    private final PreparedStatement find;
    private final PreparedStatement delete;

    InboxStore(CqlSession session, ReactiveCqlOperations cql, MessagingProperties properties, Clock clock) {
        this.cql = cql;
        this.properties = properties;
        this.clock = clock;
        this.insert = session.prepare("INSERT INTO device_inbox (user_id, device_id, " + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?");
        this.firstPage = session.prepare("SELECT " + COLUMNS + " FROM device_inbox"
                + " WHERE user_id = ? AND device_id = ? LIMIT ?");
        this.nextPage = session.prepare("SELECT " + COLUMNS + " FROM device_inbox"
                + " WHERE user_id = ? AND device_id = ? AND entry_id > ? LIMIT ?");
        this.find = session.prepare("SELECT " + COLUMNS + " FROM device_inbox"
                + " WHERE user_id = ? AND device_id = ? AND entry_id IN ?");
        this.delete = session.prepare("DELETE FROM device_inbox USING TIMESTAMP ?"
                + " WHERE user_id = ? AND device_id = ? AND entry_id IN ?");
    }

    /**
     * Puts the entry into every listed inbox. writeMicros is fixed per entry (the time in its id), so
     * writing it again after a device acknowledged it changes nothing: the delete is newer.
     */
    public Mono<Void> write(Collection<DeviceAddress> inboxes, InboxEntry entry, long writeMicros) {
        ByteBuffer frame = ByteBuffer.wrap(entry.frame().toByteArray());
        return StoreFailures.retryable(Flux.fromIterable(inboxes)
                .flatMap(inbox -> cql.execute(insert.bind(inbox.userId(), inbox.deviceId(), entry.id(),
                        entry.kind().column(), entry.conversationId(),
                        entry.sender() == null ? null : entry.sender().userId(),
                        entry.sender() == null ? null : entry.sender().deviceId(),
                        entry.seq(), frame.duplicate(), properties.inboxTtlSeconds(), writeMicros)))
                .then());
    }

    /** Oldest first, after the given id (from the start when null). */
    public Mono<InboxPage> page(DeviceAddress inbox, UUID after, int limit) {
        var statement = after == null
                ? firstPage.bind(inbox.userId(), inbox.deviceId(), limit + 1)
                : nextPage.bind(inbox.userId(), inbox.deviceId(), after, limit + 1);
        return StoreFailures.retryable(cql.queryForRows(statement).map(InboxStore::entry).collectList()
                .map(rows -> rows.size() > limit
                        ? new InboxPage(rows.subList(0, limit), true)
                        : new InboxPage(rows, false)));
    }

    public Mono<List<InboxEntry>> find(DeviceAddress inbox, List<UUID> ids) {
        return StoreFailures.retryable(cql.queryForRows(find.bind(inbox.userId(), inbox.deviceId(), ids))
                .map(InboxStore::entry).collectList());
    }

    /**
     * Removes the entries for good. The delete is newer than every write of them, also when the
     * entry came from an instance whose clock runs ahead of ours: its timestamp is past the time in
     * each id, which is the write timestamp of that entry.
     */
    public Mono<Void> delete(DeviceAddress inbox, List<UUID> ids) {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        for (UUID id : ids) {
            micros = Math.max(micros, TimeUuids.micros(id) + 1);
        }
        return StoreFailures.retryable(cql.execute(delete.bind(micros, inbox.userId(), inbox.deviceId(), ids)).then());
    }

    private static InboxEntry entry(Row row) {
        UUID sender = row.getUuid("sender_user_id");
        ByteBuffer frame = row.getByteBuffer("frame");
        try {
            return new InboxEntry(row.getUuid("entry_id"), InboxEntry.Kind.ofColumn(row.getString("kind")),
                    row.getString("conversation_id"),
                    sender == null ? null : new DeviceAddress(sender, row.getInt("sender_device_id")),
                    row.getLong("seq"), ServerFrame.parseFrom(frame));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable inbox entry " + row.getUuid("entry_id"), e);
        }
    }
}
