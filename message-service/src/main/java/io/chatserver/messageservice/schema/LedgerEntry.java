package io.chatserver.messageservice.schema;

import java.time.Instant;

/**
 * One row of {@code schema_migrations}.
 *
 * @param appliedAt null while the claiming instance is still applying the migration
 * @param appliedBy the instance id that claimed (and applies or applied) it
 */
record LedgerEntry(int version, String description, String checksum, Instant appliedAt, String appliedBy,
        Instant claimedAt) {

    boolean applied() {
        return appliedAt != null;
    }
}
