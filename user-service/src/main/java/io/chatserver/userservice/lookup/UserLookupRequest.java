package io.chatserver.userservice.lookup;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Body of POST /internal/v1/users/lookup: at most 1,000 user ids (a group's members and more). */
record UserLookupRequest(@NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> userIds) {
}
