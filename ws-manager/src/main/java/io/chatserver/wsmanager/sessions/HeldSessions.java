package io.chatserver.wsmanager.sessions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/** The full list of sessions a handler holds, for reconciliation. */
record HeldSessions(@NotNull List<@NotNull @Valid HeldSession> sessions) {
}
