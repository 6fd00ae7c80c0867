package io.chatserver.groupservice.store;

import java.util.UUID;

/**
 * A group's own row. {@code version} rises with every change, in the change's transaction, so it
 * orders cache writes and numbers the change log.
 */
public record GroupInfo(UUID id, String subject, String description, String iconAssetId, UUID createdBy,
        long createdAt, boolean onlyAdminsSend, boolean onlyAdminsEditInfo, String inviteCode, long version,
        long updatedAt) {
}
