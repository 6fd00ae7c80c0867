package io.chatserver.lastseenservice.contacts;

import io.chatserver.lastseenservice.presence.PresenceFanout;
import io.chatserver.protocol.internal.v1.ContactMessaged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * message-service's contact events (chat.contact-events): whom each user sent a one-to-one
 * message. Each becomes a contact of the sender; a user who got a new contact has their presence
 * decided again for their watchers. A batch is committed once written; a failed one is read again
 * (at least once, and writing it twice changes nothing). A record that is not a contact event is
 * skipped and counted.
 */
@Component
final class MessagedContactsListener {

    private static final Logger log = LoggerFactory.getLogger(MessagedContactsListener.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final ContactStore contacts;
    private final PresenceFanout fanout;
    private final Counter unreadable;

    MessagedContactsListener(ContactStore contacts, PresenceFanout fanout, MeterRegistry meters) {
        this.contacts = contacts;
        this.fanout = fanout;
        this.unreadable = Counter.builder("chat.contacts.events.unreadable")
                .description("Records of chat.contact-events that were not contact events, skipped").register(meters);
    }

    @KafkaListener(topics = "chat.contact-events", batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<ContactStore.Pair> pairs = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                ContactMessaged event = ContactMessaged.parseFrom(record.value());
                UUID owner = UUID.fromString(event.getOwnerUserId());
                UUID contact = UUID.fromString(event.getContactUserId());
                if (!owner.equals(contact)) {
                    pairs.add(new ContactStore.Pair(owner, contact, event.getAtMs()));
                }
            } catch (Exception e) {
                unreadable.increment();
                log.warn("skipping record {} of {}: {}", record.offset(), record.topic(), e.toString());
            }
        }
        if (pairs.isEmpty()) {
            return;
        }
        // A listener thread, not an event loop: waiting here keeps the batch uncommitted until written.
        Set<UUID> changed = contacts.markMessaged(pairs).block(WRITE_TIMEOUT);
        Flux.fromIterable(changed).flatMap(fanout::privacyChanged, 8).blockLast(WRITE_TIMEOUT);
    }
}
