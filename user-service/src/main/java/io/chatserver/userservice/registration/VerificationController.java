package io.chatserver.userservice.registration;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
final class VerificationController {

    private final PhoneVerifier verifier;

    VerificationController(PhoneVerifier verifier) {
        this.verifier = verifier;
    }

    /** 201: the device is registered; the body holds its secret. */
    @PostMapping("/v1/registration/verifications")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<VerificationResponse> verify(@Valid @RequestBody VerificationRequest request) {
        return verifier.verify(request);
    }
}
