package io.chatserver.messageservice.send;

import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.protocol.v1.MessageSent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** ws-handler's send call (protobuf both ways); see chat/internal/v1/messaging.proto. */
@RestController
final class SendController {

    static final String PROTOBUF = "application/x-protobuf";

    private final MessageSender sender;

    SendController(MessageSender sender) {
        this.sender = sender;
    }

    /** An empty body is a valid protobuf message (every field at its default): validation answers it. */
    @PostMapping(path = "/internal/v1/messages", consumes = PROTOBUF, produces = PROTOBUF)
    Mono<MessageSent> send(@RequestBody(required = false) SendRequest request) {
        return sender.send(request == null ? SendRequest.getDefaultInstance() : request);
    }
}
