package io.chatserver.userservice.registration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of POST /v1/test-hooks/users.
 *
 * @param phoneNumbers the accounts to create, with {@code +} and country code, each at most once
 */
record SeedRequest(@NotNull @Size(min = 1, max = SeedRequest.MAX_NUMBERS) List<String> phoneNumbers) {

    static final int MAX_NUMBERS = 1000;
}
