package io.chatserver.assetservice.asset;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * From message-service, before it stores a message with attachments: the sender, the message's
 * recipients (for a group, its members then) and the assets the message carries.
 */
record GrantRequest(
        @NotNull UUID senderUserId,
        @NotNull @Size(max = 1000) List<@NotNull UUID> recipientUserIds,
        @NotEmpty @Size(max = 10) List<@Valid @NotNull Item> assets) {

    /** {@code viewOnce} left out: a normal attachment. */
    record Item(@NotNull UUID assetId, Boolean viewOnce) {

        boolean once() {
            return Boolean.TRUE.equals(viewOnce);
        }
    }
}
