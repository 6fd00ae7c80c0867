package io.chatserver.userservice.registration;

import jakarta.validation.Valid;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Bulk account creation for the load tool (tens of thousands of users in seconds instead of
 * minutes through SMS codes). Exists only when chat.registration.seeding-enabled=true (local and
 * test profiles); otherwise the path is a 404.
 */
@RestController
@ConditionalOnProperty(prefix = "chat.registration", name = "seeding-enabled", havingValue = "true")
final class SeedingController {

    private final AccountSeeder seeder;

    SeedingController(AccountSeeder seeder) {
        this.seeder = seeder;
    }

    /** 201 with the new devices and tokens; numbers that had an account are listed and left alone. */
    @PostMapping("/v1/test-hooks/users")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SeedResponse> seed(@Valid @RequestBody SeedRequest request) {
        return seeder.seed(request);
    }
}
