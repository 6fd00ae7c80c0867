package io.chatserver.userservice.auth;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
final class TokenController {

    private final CredentialExchange exchange;

    TokenController(CredentialExchange exchange) {
        this.exchange = exchange;
    }

    @PostMapping("/v1/auth/tokens")
    Mono<TokenResponse> token(@Valid @RequestBody TokenRequest request) {
        return exchange.exchange(request);
    }
}
