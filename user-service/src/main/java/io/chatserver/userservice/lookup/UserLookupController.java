package io.chatserver.userservice.lookup;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Internal, cluster-only: which of these user ids are accounts, so group-service refuses to add
 * users that do not exist. No access token (see chat.security.public-paths).
 */
@RestController
final class UserLookupController {

    private final ExistingUsers users;

    UserLookupController(ExistingUsers users) {
        this.users = users;
    }

    @PostMapping("/internal/v1/users/lookup")
    Mono<UserLookupResponse> lookup(@Valid @RequestBody UserLookupRequest request) {
        return users.among(request.userIds()).map(UserLookupResponse::new);
    }
}
