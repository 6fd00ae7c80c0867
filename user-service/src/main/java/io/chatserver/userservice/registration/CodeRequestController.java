package io.chatserver.userservice.registration;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
final class CodeRequestController {

    private final CodeIssuer issuer;
    private final ClientAddresses clientAddresses;

    CodeRequestController(CodeIssuer issuer, ClientAddresses clientAddresses) {
        this.issuer = issuer;
        this.clientAddresses = clientAddresses;
    }

    /** 202: the code is on its way by SMS. */
    @PostMapping("/v1/registration/codes")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<CodeResponse> requestCode(@Valid @RequestBody CodeRequest request, ServerHttpRequest http) {
        return issuer.issue(request, clientAddresses.of(http));
    }
}
