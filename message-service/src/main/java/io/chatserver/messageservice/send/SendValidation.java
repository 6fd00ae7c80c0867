package io.chatserver.messageservice.send;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.SendMessage;

import java.util.UUID;
import java.util.regex.Pattern;

/** Checks a send before anything is read or written; each refusal names the field. */
final class SendValidation {

    /** type/subtype with optional parameters, as in RFC 6838 (letters, digits and !#$&^_.+- ). */
    private static final Pattern CONTENT_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}(;[ -~]*)?");
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final int MAX_CONTENT_TYPE = 100;

    private SendValidation() {
    }

    static ValidSend validate(SendRequest request, MessagingProperties properties) {
        SendMessage message = request.getMessage();
        UUID sender = uuid(request.getSenderUserId(), "senderUserId");
        if (request.getSenderDeviceId() < 1) {
            throw invalid("senderDeviceId must be positive");
        }
        uuid(message.getClientMessageId(), "clientMessageId");
        UUID recipient = null;
        UUID group = null;
        if (message.getGroupId().isEmpty()) {
            recipient = uuid(message.getRecipientUserId(), "recipientUserId");
        } else if (!message.getRecipientUserId().isEmpty()) {
            throw invalid("set recipientUserId or groupId, not both");
        } else {
            group = uuid(message.getGroupId(), "groupId");
        }
        String contentType = message.getContentType();
        if (contentType.length() > MAX_CONTENT_TYPE || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw invalid("contentType must be a media type such as text/plain, at most "
                    + MAX_CONTENT_TYPE + " characters");
        }
        if (message.getBody().size() > properties.maxBodyBytes()) {
            throw new ChatException(ErrorCode.MESSAGE_BODY_TOO_LARGE, "body is " + message.getBody().size()
                    + " bytes; at most " + properties.maxBodyBytes() + " are accepted");
        }
        if (!message.getReplyToId().isEmpty()) {
            uuid(message.getReplyToId(), "replyToId");
        }
        if (!message.getReplyToConversationId().isEmpty()) {
            if (message.getReplyToId().isEmpty() || group != null
                    || GroupConversation.parse(message.getReplyToConversationId()).isEmpty()) {
                throw invalid("replyToConversationId is for a private reply: with replyToId, to a user, naming"
                        + " a group conversation g:<group id>");
            }
        }
        return new ValidSend(sender, request.getSenderDeviceId(), recipient, group, message);
    }

    /** Lower-case canonical form only: the id is part of a key, and "A" and "a" must not be two keys. */
    private static UUID uuid(String value, String field) {
        if (!CANONICAL_UUID.matcher(value).matches()) {
            throw invalid(field + " must be a UUID in lower-case canonical form");
        }
        return UUID.fromString(value);
    }

    private static ChatException invalid(String detail) {
        return new ChatException(ErrorCode.VALIDATION_FAILED, detail);
    }

    /** Exactly one of recipient (a one-to-one message) and group (a group message) is set. */
    record ValidSend(UUID sender, int senderDevice, UUID recipient, UUID group, SendMessage message) {

        String clientKey() {
            return sender + "/" + senderDevice + "/" + message.getClientMessageId();
        }
    }
}
