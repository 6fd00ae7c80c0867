package io.chatserver.groupservice.group;

import io.chatserver.platform.validation.PlainText;
import jakarta.validation.constraints.Pattern;

/**
 * Body of PATCH /v1/groups/{id}: only the fields present change.
 *
 * @param subject     1 to 100 characters
 * @param description up to 2,048 characters, line breaks allowed; empty removes it
 * @param iconAssetId an asset id; empty removes the icon
 */
record GroupInfoUpdate(
        @PlainText(min = 1, max = 100) String subject,
        @PlainText(max = 2048, lineBreaks = true) String description,
        @Pattern(regexp = "|" + ASSET_ID) String iconAssetId) {

    /** The shape of asset-service's ids; what the asset is, is asset-service's business. */
    static final String ASSET_ID = "[A-Za-z0-9_-]{1,64}";
}
