package io.chatserver.messageservice.send;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.contacts.MessagedContacts;
import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.ConversationId;
import io.chatserver.messageservice.conversation.ConversationLog;
import io.chatserver.messageservice.directory.DeviceDirectory;
import io.chatserver.messageservice.history.HistoryStore;
import io.chatserver.messageservice.inbox.DeviceAddress;
import io.chatserver.messageservice.inbox.InboxDelivery;
import io.chatserver.messageservice.inbox.InboxEntry;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A send, in order: validate, look up both users' devices, claim the seq (the durable point), put
 * a copy into every inbox (the recipient's devices and the sender's other devices), then answer.
 * A failure before the answer leaves nothing the retry cannot finish: the retry finds the claim and
 * writes the same entries again (without waking the devices a second time: a row a store failure
 * left out is found by the device's next sweep or connect). A caller that goes away does not stop
 * a send half-way. A send to a group goes through {@link GroupSender} instead.
 */
@Component
final class MessageSender {

    private final MessagingProperties properties;
    private final DeviceDirectory directory;
    private final ConversationLog log;
    private final InboxDelivery delivery;
    private final HistoryStore history;
    private final SendMetrics metrics;
    private final SendsInFlight inFlight;
    private final GroupSender groups;
    private final ReplyCheck replies;
    private final MessagedContacts contacts;
    private final SendGrants grants;

    MessageSender(MessagingProperties properties, DeviceDirectory directory, ConversationLog log,
            InboxDelivery delivery, HistoryStore history, SendMetrics metrics, SendsInFlight inFlight,
            GroupSender groups, ReplyCheck replies, MessagedContacts contacts, SendGrants grants) {
        this.properties = properties;
        this.directory = directory;
        this.log = log;
        this.delivery = delivery;
        this.history = history;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.groups = groups;
        this.replies = replies;
        this.contacts = contacts;
        this.grants = grants;
    }

    Mono<MessageSent> send(SendRequest request) {
        return Mono.fromCallable(() -> SendValidation.validate(request, properties))
                .flatMap(send -> uncancellable(inFlight.run(send.group() != null ? groups.store(send) : store(send))))
                .doOnEach(metrics::record);
    }

    /**
     * Runs to the end even when the caller goes away (its handler was killed, its request timed
     * out): a claimed seq is never left without its inbox rows and pushes for the retry to find.
     */
    private static <T> Mono<T> uncancellable(Mono<T> work) {
        return Mono.defer(() -> Mono.fromFuture(work.toFuture(), true));
    }

    private Mono<MessageSent> store(SendValidation.ValidSend send) {
        ConversationId conversation = ConversationId.direct(send.sender(), send.recipient());
        return Mono.zip(directory.devices(List.of(send.recipient(), send.sender())),
                replies.original(send, conversation)).flatMap(found -> {
            Map<UUID, List<Integer>> devices = found.getT1();
            List<Integer> recipientDevices = devices.get(send.recipient());
            if (recipientDevices == null) {
                return Mono.error(new ChatException(ErrorCode.MESSAGE_RECIPIENT_UNKNOWN, "no user " + send.recipient()));
            }
            Set<DeviceAddress> inboxes = inboxes(send, recipientDevices, devices.getOrDefault(send.sender(), List.of()));
            // The recipient may fetch its files before it is stored; inbox writes and pushes in the
            // conversation's turn: devices are woken in seq order.
            return grants.beforeStoring(send, conversation, List.of(send.recipient()))
                    .then(Mono.defer(() -> log.append(conversation, send.clientKey(), MessageFingerprint.of(send.message()),
                            allocation -> fanOut(send, conversation, allocation, found.getT2(), inboxes))))
                    .doOnSuccess(sent -> contacts.messaged(send.sender(), send.recipient()));
        });
    }


    private Mono<MessageSent> fanOut(SendValidation.ValidSend send, ConversationId conversation,
            Allocation allocation, Optional<ChatMessage> original, Set<DeviceAddress> inboxes) {
        ServerFrame frame = ServerFrame.newBuilder()
                .setMessage(MessageFrames.message(send, conversation, allocation, original)).build();
        var entry = new InboxEntry(allocation.messageId(), InboxEntry.Kind.MESSAGE, conversation.toString(),
                new DeviceAddress(send.sender(), send.senderDevice()), allocation.seq(), frame);
        Mono<Void> inboxWrites = allocation.duplicate()
                ? delivery.rewrite(inboxes, entry, allocation.micros())
                : delivery.deliver(inboxes, entry, allocation.micros());
        Mono<Void> historyWrite = properties.retention() == MessagingProperties.Retention.HISTORY
                ? history.write(conversation, allocation, frame, 0)
                : Mono.empty();
        return Mono.when(historyWrite, inboxWrites).thenReturn(MessageFrames.sent(send, conversation, allocation));
    }

    /** Every device of the recipient, and every device of the sender except the one that sent it. */
    private static Set<DeviceAddress> inboxes(SendValidation.ValidSend send, List<Integer> recipientDevices,
            List<Integer> senderDevices) {
        Set<DeviceAddress> inboxes = new LinkedHashSet<>();
        recipientDevices.forEach(device -> inboxes.add(new DeviceAddress(send.recipient(), device)));
        senderDevices.forEach(device -> inboxes.add(new DeviceAddress(send.sender(), device)));
        inboxes.remove(new DeviceAddress(send.sender(), send.senderDevice()));
        return inboxes;
    }
}
