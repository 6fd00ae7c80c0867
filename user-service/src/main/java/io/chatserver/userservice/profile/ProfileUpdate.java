package io.chatserver.userservice.profile;

import io.chatserver.platform.validation.PlainText;
import io.chatserver.platform.validation.PlainTextValidator;
import jakarta.validation.constraints.NotNull;

/**
 * Body of PUT /v1/profiles/me (R34, R35).
 *
 * @param displayName 1 to 64 characters
 * @param about       0 to 140 characters; omitted means empty
 */
record ProfileUpdate(
        @NotNull @PlainText(min = 1, max = 64) String displayName,
        @PlainText(max = 140) String about) {

    String trimmedDisplayName() {
        return PlainTextValidator.normalise(displayName);
    }

    String trimmedAbout() {
        return about == null ? "" : PlainTextValidator.normalise(about);
    }
}
