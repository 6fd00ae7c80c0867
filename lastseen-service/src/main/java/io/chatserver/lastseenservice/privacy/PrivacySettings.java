package io.chatserver.lastseenservice.privacy;

import jakarta.validation.constraints.NotNull;

/** Body of GET and PUT /v1/presence/settings. */
public record PrivacySettings(@NotNull Visibility visibility) {
}
