package io.chatserver.groupservice.group;

import io.chatserver.platform.validation.PlainText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * Body of POST /v1/groups. The caller becomes the first member and admin.
 *
 * @param subject     1 to 100 characters
 * @param description up to 2,048 characters, line breaks allowed; omitted means none
 * @param iconAssetId an asset id from asset-service; omitted means no icon
 * @param members     the other first members (duplicates and the caller are ignored)
 */
record CreateGroupRequest(
        @NotNull @PlainText(min = 1, max = 100) String subject,
        @PlainText(max = 2048, lineBreaks = true) String description,
        @Pattern(regexp = GroupInfoUpdate.ASSET_ID) String iconAssetId,
        @Size(max = 1000) List<@NotNull UUID> members) {
}
