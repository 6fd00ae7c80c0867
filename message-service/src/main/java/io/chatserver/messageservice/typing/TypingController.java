package io.chatserver.messageservice.typing;

import io.chatserver.protocol.internal.v1.TypingRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** ws-handler's typing call (protobuf); see chat/internal/v1/messaging.proto. */
@RestController
final class TypingController {

    private final TypingRelay relay;

    TypingController(TypingRelay relay) {
        this.relay = relay;
    }

    @PostMapping(path = "/internal/v1/typing", consumes = "application/x-protobuf")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> typing(@RequestBody(required = false) TypingRequest request) {
        return relay.relay(request == null ? TypingRequest.getDefaultInstance() : request);
    }
}
