package io.chatserver.messageservice.conversation;

import java.util.UUID;

/**
 * A send's place in its conversation.
 *
 * @param micros the timestamp inside messageId; also the write timestamp of its inbox entries
 * @param duplicate this send was already stored by an earlier attempt with the same client id
 */
public record Allocation(long seq, UUID messageId, long micros, boolean duplicate) {
}
