package io.chatserver.messageservice.inbox;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.ProtobufJson;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.security.AuthenticatedDevice;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.InboxAck;
import io.chatserver.protocol.v1.InboxAckResult;
import io.chatserver.protocol.v1.InboxEntries;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * The calling device's inbox over REST (A3), for an app woken by a push notification that fetches
 * without opening a WebSocket: read what waits, fetch one entry by id, acknowledge. The WebSocket
 * remains the way to receive; both read the same inbox, so whichever acknowledges first removes it.
 */
@RestController
final class ClientInboxController {

    private final InboxStore store;
    private final AckService acks;
    private final MessagingProperties properties;

    ClientInboxController(InboxStore store, AckService acks, MessagingProperties properties) {
        this.store = store;
        this.acks = acks;
        this.properties = properties;
    }

    @GetMapping("/v1/inbox")
    Mono<ResponseEntity<String>> pending(@AuthenticationPrincipal AuthenticatedDevice device,
            @RequestParam(required = false) String after, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > properties.maxPageSize()) {
            return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED,
                    "limit must be between 1 and " + properties.maxPageSize()));
        }
        UUID afterId = after == null ? null : entryId(after);
        return store.page(inboxOf(device), afterId, limit).map(page -> ProtobufJson.ok(InboxEntries.newBuilder()
                .addAllEntries(page.entries().stream().map(InboxEntry::frame).toList())
                .setMore(page.more()).build()));
    }

    /** One message or receipt that is still waiting for this device; 2008 when it is not (any more). */
    @GetMapping("/v1/inbox/{entryId}")
    Mono<ResponseEntity<String>> entry(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable String entryId) {
        UUID id = entryId(entryId);
        return store.find(inboxOf(device), List.of(id))
                .flatMap(found -> found.isEmpty()
                        ? Mono.error(new ChatException(ErrorCode.MESSAGE_NOT_FOUND, "nothing with id " + id
                                + " waits for this device"))
                        : Mono.just(ProtobufJson.ok(found.get(0).frame())));
    }

    @PostMapping("/v1/inbox/acks")
    Mono<ResponseEntity<String>> acknowledge(@AuthenticationPrincipal AuthenticatedDevice device,
            @RequestBody(required = false) String body) {
        return Mono.fromCallable(() -> ProtobufJson.parse(body, InboxAck.newBuilder()).getIdsList())
                .flatMap(ids -> acks.acknowledge(inboxOf(device), ids))
                .map(removed -> ProtobufJson.ok(InboxAckResult.newBuilder().setRemoved(removed).build()));
    }

    private static DeviceAddress inboxOf(AuthenticatedDevice device) {
        return new DeviceAddress(device.userId(), device.deviceId());
    }

    private static UUID entryId(String text) {
        return TimeUuids.parse(text).orElseThrow(
                () -> new ChatException(ErrorCode.VALIDATION_FAILED, "not a message or receipt id: " + text));
    }
}
