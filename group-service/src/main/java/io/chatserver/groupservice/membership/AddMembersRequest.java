package io.chatserver.groupservice.membership;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Body of POST /v1/groups/{id}/members (admins only); users already in the group are skipped. */
record AddMembersRequest(@NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> userIds) {
}
