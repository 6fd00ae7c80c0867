package io.chatserver.userservice.lookup;

import java.util.List;
import java.util.UUID;

/** The asked ids that are accounts, in the order asked, each once. */
record UserLookupResponse(List<UUID> existing) {
}
