package io.chatserver.messageservice.contacts;

import io.chatserver.protocol.internal.v1.ContactMessaged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tells lastseen-service, over Kafka (chat.contact-events), that a user sent someone a one-to-one
 * message: that makes them one of the sender's contacts. Each pair once per instance while it is
 * among the last 100,000 pairs announced, so the send path publishes almost never; after a restart
 * a pair goes again, which lastseen-service takes as a no-op. Best effort: a publish that fails is
 * tried again with the pair's next message.
 */
@Component
public final class MessagedContacts {

    public static final String TOPIC = "chat.contact-events";
    private static final int REMEMBERED = 100_000;
    private static final Logger log = LoggerFactory.getLogger(MessagedContacts.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final Set<String> announced = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));
    private final Counter published;

    MessagedContacts(KafkaTemplate<String, byte[]> kafka, Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.clock = clock;
        this.published = Counter.builder("chat.contacts.messaged.published")
                .description("Sender-recipient pairs announced to lastseen-service").register(meters);
    }

    public void messaged(UUID sender, UUID recipient) {
        String pair = sender + "|" + recipient;
        if (sender.equals(recipient) || !announced.add(pair)) {
            return;
        }
        byte[] event = ContactMessaged.newBuilder().setOwnerUserId(sender.toString())
                .setContactUserId(recipient.toString()).setAtMs(clock.millis()).build().toByteArray();
        // send() may block fetching metadata (max.block.ms): not on the event loop that stored the message.
        Mono.fromFuture(() -> kafka.send(TOPIC, sender.toString(), event))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(done -> published.increment(), e -> {
                    announced.remove(pair);
                    log.warn("could not announce {} as a contact of {}: {}", recipient, sender, e.toString());
                });
    }
}
