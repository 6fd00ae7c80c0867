package io.chatserver.messageservice.send;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.protocol.v1.Attachment;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.SendMessage;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
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
        attachments(message);
        long previews = message.getAttachmentsList().stream().mapToLong(a -> a.getThumbnail().size()
                + a.getWaveform().size() + a.getFileName().getBytes(StandardCharsets.UTF_8).length).sum();
        // Body and previews together: a JSON frame of both must stay under the handler's frame limit.
        if (message.getBody().size() + previews > properties.maxBodyBytes()) {
            throw new ChatException(ErrorCode.MESSAGE_BODY_TOO_LARGE, "the body and the attachments' previews are "
                    + (message.getBody().size() + previews) + " bytes; at most " + properties.maxBodyBytes()
                    + " are accepted");
        }
        return new ValidSend(sender, request.getSenderDeviceId(), recipient, group, message);
    }

    static final int MAX_ATTACHMENTS = 10;
    static final int MAX_THUMBNAIL_BYTES = 8 * 1024;
    static final int MAX_WAVEFORM_LEVELS = 128;
    static final int MAX_DURATION_MS = 3 * 60 * 60 * 1000;
    static final int MAX_PIXELS = 100_000;
    static final int MAX_FILE_NAME = 255;

    /** Sizes of what the server stores and forwards for each attached file; the file itself is asset-service's. */
    private static void attachments(SendMessage message) {
        if (message.getAttachmentsCount() > MAX_ATTACHMENTS) {
            throw invalid("at most " + MAX_ATTACHMENTS + " attachments, not " + message.getAttachmentsCount());
        }
        Set<String> assets = new HashSet<>();
        for (Attachment attachment : message.getAttachmentsList()) {
            uuid(attachment.getAssetId(), "attachments.assetId");
            if (!assets.add(attachment.getAssetId())) {
                throw invalid("attachments: asset " + attachment.getAssetId() + " twice");
            }
            if (attachment.getThumbnail().size() > MAX_THUMBNAIL_BYTES) {
                throw new ChatException(ErrorCode.MESSAGE_THUMBNAIL_TOO_LARGE, "the thumbnail of " + attachment.getAssetId()
                        + " is " + attachment.getThumbnail().size() + " bytes; at most " + MAX_THUMBNAIL_BYTES);
            }
            if (attachment.getViewOnce() && !attachment.getThumbnail().isEmpty()) {
                throw invalid("attachments: a view-once file carries no thumbnail (it would stay when the file is gone)");
            }
            if (attachment.getWaveform().size() > MAX_WAVEFORM_LEVELS) {
                throw invalid("attachments.waveform: at most " + MAX_WAVEFORM_LEVELS + " levels");
            }
            if (attachment.getDurationMs() < 0 || attachment.getDurationMs() > MAX_DURATION_MS) {
                throw invalid("attachments.durationMs must be between 0 and " + MAX_DURATION_MS);
            }
            if (attachment.getWidth() < 0 || attachment.getWidth() > MAX_PIXELS
                    || attachment.getHeight() < 0 || attachment.getHeight() > MAX_PIXELS) {
                throw invalid("attachments.width and height must be between 0 and " + MAX_PIXELS);
            }
            String name = attachment.getFileName();
            if (name.codePointCount(0, name.length()) > MAX_FILE_NAME || name.codePoints().anyMatch(SendValidation::hidden)
                    || name.contains("/") || name.contains("\\")) {
                throw invalid("attachments.fileName: at most " + MAX_FILE_NAME + " characters, no path, no control"
                        + " or direction characters");
            }
        }
    }

    /** Control characters, and format ones such as U+202E, which shows evil\u202Egnp.exe as evilexe.png. */
    private static boolean hidden(int codePoint) {
        return Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT;
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
