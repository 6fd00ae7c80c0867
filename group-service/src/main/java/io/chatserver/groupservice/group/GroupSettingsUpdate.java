package io.chatserver.groupservice.group;

import jakarta.validation.constraints.NotNull;

/** Body of PUT /v1/groups/{id}/settings (admins only): who may send, who may edit the group's info. */
record GroupSettingsUpdate(@NotNull Boolean onlyAdminsSend, @NotNull Boolean onlyAdminsEditInfo) {
}
