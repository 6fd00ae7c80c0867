package io.chatserver.groupservice.invite;

import java.util.UUID;

/** An invite code; clients build their own link from it (for example https://host/join/{code}). */
record InviteResponse(UUID groupId, String code) {
}
