package io.chatserver.messageservice.receipt;

import io.chatserver.protocol.internal.v1.ReadRequest;
import io.chatserver.protocol.internal.v1.ViewedRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** ws-handler's MarkRead and MarkViewed calls. */
@RestController
final class ReadController {

    private final ReadService reads;
    private final ViewService views;

    ReadController(ReadService reads, ViewService views) {
        this.reads = reads;
        this.views = views;
    }

    @PostMapping(path = "/internal/v1/reads", consumes = "application/x-protobuf")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> markRead(@RequestBody(required = false) ReadRequest request) {
        // An empty body is a valid protobuf message with every field at its default: validation answers it.
        return Mono.defer(() -> reads.markRead(request == null ? ReadRequest.getDefaultInstance() : request));
    }

    @PostMapping(path = "/internal/v1/views", consumes = "application/x-protobuf")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> markViewed(@RequestBody(required = false) ViewedRequest request) {
        return Mono.defer(() -> views.markViewed(request == null ? ViewedRequest.getDefaultInstance() : request));
    }
}
