package io.chatserver.assetservice.asset;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * For message-service only (a NetworkPolicy in Kubernetes, loopback locally): before a message with
 * attachments is stored, its recipients are let fetch them. 204, or the problem of the first asset
 * the sender may not send (2203: not theirs to send; 2207: not checked yet), and then nothing granted.
 */
@RestController
final class InternalGrantController {

    private final Grants grants;

    InternalGrantController(Grants grants) {
        this.grants = grants;
    }

    @PostMapping("/internal/v1/grants")
    Mono<ResponseEntity<Void>> grant(@Valid @RequestBody GrantRequest request) {
        return grants.grant(request).thenReturn(ResponseEntity.noContent().build());
    }
}
