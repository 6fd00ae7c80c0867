package io.chatserver.messageservice.inbox;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.store.TimeUuids;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.internal.v1.AckRequest;
import io.chatserver.protocol.internal.v1.AckResult;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** ws-handler reads a device's inbox page by page and acknowledges what the device confirmed. */
@RestController
final class InboxController {

    static final String PROTOBUF = "application/x-protobuf";

    private final InboxStore store;
    private final AckService acks;
    private final MessagingProperties properties;

    InboxController(InboxStore store, AckService acks, MessagingProperties properties) {
        this.store = store;
        this.acks = acks;
        this.properties = properties;
    }

    @GetMapping(path = "/internal/v1/inboxes/{userId}/{deviceId}", produces = PROTOBUF)
    Mono<io.chatserver.protocol.internal.v1.InboxPage> page(@PathVariable UUID userId, @PathVariable int deviceId,
            @RequestParam(required = false) String after, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > properties.maxPageSize()) {
            return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED,
                    "limit must be between 1 and " + properties.maxPageSize()));
        }
        UUID afterId = after == null ? null : TimeUuids.parse(after).orElseThrow(
                () -> new ChatException(ErrorCode.VALIDATION_FAILED, "after must be an inbox entry id"));
        return store.page(new DeviceAddress(userId, deviceId), afterId, limit)
                .map(page -> io.chatserver.protocol.internal.v1.InboxPage.newBuilder()
                        .addAllFrames(page.entries().stream().map(InboxEntry::frame).toList())
                        .setMore(page.more())
                        .build());
    }

    @PostMapping(path = "/internal/v1/inboxes/{userId}/{deviceId}/acks", consumes = PROTOBUF, produces = PROTOBUF)
    Mono<AckResult> acknowledge(@PathVariable UUID userId, @PathVariable int deviceId,
            @RequestBody(required = false) AckRequest request) {
        // No ids encode to an empty body; that is refused by the id count check (1002), not as unreadable.
        AckRequest acknowledged = request == null ? AckRequest.getDefaultInstance() : request;
        return acks.acknowledge(new DeviceAddress(userId, deviceId), acknowledged.getIdsList(),
                        acknowledged.getEntriesList())
                .map(removed -> AckResult.newBuilder().setRemoved(removed).build());
    }
}
