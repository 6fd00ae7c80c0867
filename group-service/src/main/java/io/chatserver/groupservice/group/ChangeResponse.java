package io.chatserver.groupservice.group;

import io.chatserver.groupservice.store.LoggedChange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One entry of the change log: at {@code version}, {@code actor} did {@code kind} to {@code subjects}. */
record ChangeResponse(long version, String kind, UUID actor, List<UUID> subjects, Instant changedAt) {

    static ChangeResponse of(LoggedChange logged) {
        return new ChangeResponse(logged.version(), logged.change().kind().name(), logged.change().actor(),
                logged.change().subjects(), Instant.ofEpochMilli(logged.changedAt()));
    }
}
