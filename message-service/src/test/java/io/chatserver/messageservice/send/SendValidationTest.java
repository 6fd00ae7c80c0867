package io.chatserver.messageservice.send;

import com.google.protobuf.ByteString;
import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.protocol.v1.Attachment;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.SendMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendValidationTest {

    private static final int MAX_BODY = 65_536;
    private static final MessagingProperties PROPERTIES = new MessagingProperties(MAX_BODY, Duration.ofDays(30),
            MessagingProperties.Retention.RELAY, 100, 500, 10, URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"),
            Duration.ofSeconds(2), 4096, 2048, 0, Duration.ofMinutes(10));

    private static final String SENDER = "0b5d3c4e-7d0a-4c5e-9a55-1f2e3d4c5b6a";
    private static final String RECIPIENT = "f3a2b1c0-1234-4abc-8def-0123456789ab";
    private static final String CLIENT_ID = "6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0b";

    @Test
    void aValidSendKeepsItsParts() {
        SendValidation.ValidSend send = SendValidation.validate(request(m -> m.setReplyToId(
                "9e8d7c6b-5a49-11f0-8abc-0123456789ab")), PROPERTIES);

        assertThat(send.sender()).isEqualTo(UUID.fromString(SENDER));
        assertThat(send.senderDevice()).isEqualTo(3);
        assertThat(send.recipient()).isEqualTo(UUID.fromString(RECIPIENT));
        assertThat(send.group()).isNull();
        assertThat(send.message().getClientMessageId()).isEqualTo(CLIENT_ID);
        assertThat(send.clientKey()).isEqualTo(SENDER + "/3/" + CLIENT_ID);
    }

    @Test
    void aGroupSendNamesTheGroupAndNoRecipient() {
        SendValidation.ValidSend send = SendValidation.validate(request(m -> m.clearRecipientUserId()
                .setGroupId(RECIPIENT)), PROPERTIES);

        assertThat(send.group()).isEqualTo(UUID.fromString(RECIPIENT));
        assertThat(send.recipient()).isNull();
    }

    @Test
    void attachmentsWithinTheirLimitsAreKeptAsSent() {
        Attachment voiceNote = Attachment.newBuilder().setAssetId(CLIENT_ID).setDurationMs(42_000)
                .setWaveform(ByteString.copyFrom(new byte[128])).setThumbnail(ByteString.copyFrom(new byte[8 * 1024]))
                .setFileName("voice note.ogg").setWidth(100_000).build();

        SendValidation.ValidSend send = SendValidation.validate(request(m -> m.addAttachments(voiceNote)), PROPERTIES);

        assertThat(send.message().getAttachmentsList()).containsExactly(voiceNote);
    }

    @Test
    void attachmentsOverTheirLimitsAreRefusedWithTheirNumber() {
        Attachment ok = Attachment.newBuilder().setAssetId(CLIENT_ID).build();
        assertRefused(request(m -> m.addAttachments(ok.toBuilder().setThumbnail(ByteString.copyFrom(new byte[8 * 1024 + 1])))),
                ErrorCode.MESSAGE_THUMBNAIL_TOO_LARGE, "thumbnail");
        assertRefused(request(m -> m.addAttachments(ok.toBuilder().setWaveform(ByteString.copyFrom(new byte[129])))),
                ErrorCode.VALIDATION_FAILED, "waveform");
        assertRefused(request(m -> m.addAttachments(ok.toBuilder().setDurationMs(-1))), ErrorCode.VALIDATION_FAILED, "durationMs");
        assertRefused(request(m -> m.addAttachments(ok.toBuilder().setHeight(100_001))), ErrorCode.VALIDATION_FAILED, "height");
        assertRefused(request(m -> m.addAttachments(ok.toBuilder().setFileName("a".repeat(256)))), ErrorCode.VALIDATION_FAILED, "fileName");
        assertRefused(request(m -> m.addAttachments(ok.toBuilder().setFileName("evil\u0000.exe"))), ErrorCode.VALIDATION_FAILED, "fileName");
        assertRefused(request(m -> m.addAttachments(ok.toBuilder().setFileName("evil\u202Egnp.exe"))), ErrorCode.VALIDATION_FAILED, "fileName");
        assertRefused(request(m -> m.addAttachments(ok.toBuilder().setFileName("../etc/passwd"))), ErrorCode.VALIDATION_FAILED, "fileName");
        assertRefused(request(m -> m.addAttachments(ok.toBuilder().setViewOnce(true)
                .setThumbnail(ByteString.copyFrom(new byte[10])))), ErrorCode.VALIDATION_FAILED, "view-once");
        assertRefused(request(m -> m.setBody(ByteString.copyFrom(new byte[MAX_BODY - 100]))
                .addAttachments(ok.toBuilder().setThumbnail(ByteString.copyFrom(new byte[101])))),
                ErrorCode.MESSAGE_BODY_TOO_LARGE, "previews");
        assertRefused(request(m -> m.addAttachments(ok.toBuilder().setAssetId("not-an-id"))), ErrorCode.VALIDATION_FAILED, "assetId");
        assertRefused(request(m -> m.addAttachments(ok).addAttachments(ok)), ErrorCode.VALIDATION_FAILED, "twice");
        assertRefused(request(m -> {
            for (int i = 0; i < 11; i++) {
                m.addAttachments(Attachment.newBuilder().setAssetId(UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString()));
            }
            return m;
        }), ErrorCode.VALIDATION_FAILED, "at most 10");
    }

    @Test
    void aSendToARecipientAndAGroupAtOnceIsRefused() {
        assertRefused(request(m -> m.setGroupId(RECIPIENT)), ErrorCode.VALIDATION_FAILED, "not both");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "F3A2B1C0-1234-4ABC-8DEF-0123456789AB", "f3a2b1c0-1234-4abc-8def-0123456789a",
            "g:f3a2b1c0-1234-4abc-8def-0123456789ab"})
    void aGroupThatIsNotALowerCaseUuidIsRefused(String id) {
        assertRefused(request(m -> m.clearRecipientUserId().setGroupId(id)), ErrorCode.VALIDATION_FAILED, "groupId");
    }

    @Test
    void aPrivateReplyNamesAGroupConversationAndTheMessage() {
        String group = "g:" + RECIPIENT;
        assertThat(SendValidation.validate(request(m -> m.setReplyToId(CLIENT_ID).setReplyToConversationId(group)),
                PROPERTIES).message().getReplyToConversationId()).isEqualTo(group);

        assertRefused(request(m -> m.setReplyToConversationId(group)), ErrorCode.VALIDATION_FAILED,
                "replyToConversationId");
        assertRefused(request(m -> m.setReplyToId(CLIENT_ID).setReplyToConversationId("d:" + SENDER + ":" + RECIPIENT)),
                ErrorCode.VALIDATION_FAILED, "replyToConversationId");
        assertRefused(request(m -> m.clearRecipientUserId().setGroupId(RECIPIENT).setReplyToId(CLIENT_ID)
                .setReplyToConversationId(group)), ErrorCode.VALIDATION_FAILED, "replyToConversationId");
        assertRefused(request(m -> m.setReplyToId(CLIENT_ID).setReplyToConversationId("g:" + RECIPIENT.toUpperCase())),
                ErrorCode.VALIDATION_FAILED, "replyToConversationId");
    }

    @Test
    void replyToIsOptional() {
        assertThat(SendValidation.validate(request(m -> m.clearReplyToId()), PROPERTIES).message().getReplyToId())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "6F1C2D3E-4B5A-4978-8A6B-5C4D3E2F1A0B", "6f1c2d3e4b5a49788a6b5c4d3e2f1a0b",
            "6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0", "6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0bb", "1-1-1-1-1",
            "{6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0b}", " 6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0b"})
    void aClientMessageIdThatIsNotALowerCaseUuidIsRefused(String id) {
        assertRefused(request(m -> m.setClientMessageId(id)), ErrorCode.VALIDATION_FAILED, "clientMessageId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bob", "F3A2B1C0-1234-4ABC-8DEF-0123456789AB", "f3a2b1c0-1234-4abc-8def-0123456789aG",
            "f3a2b1c0-1234-4abc-8def-0123456789ab\n"})
    void aRecipientThatIsNotALowerCaseUuidIsRefused(String id) {
        assertRefused(request(m -> m.setRecipientUserId(id)), ErrorCode.VALIDATION_FAILED, "recipientUserId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "9E8D7C6B-5A49-11F0-8ABC-0123456789AB", "9e8d7c6b-5a49-11f0-8abc-0123456789a"})
    void aReplyToThatIsNotALowerCaseUuidIsRefused(String id) {
        assertRefused(request(m -> m.setReplyToId(id)), ErrorCode.VALIDATION_FAILED, "replyToId");
    }

    @Test
    void aSenderThatIsNotALowerCaseUuidIsRefused() {
        assertRefused(request(m -> m).toBuilder().setSenderUserId(SENDER.toUpperCase()).build(),
                ErrorCode.VALIDATION_FAILED, "senderUserId");
        assertRefused(request(m -> m).toBuilder().setSenderUserId("").build(),
                ErrorCode.VALIDATION_FAILED, "senderUserId");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aSenderDeviceBelowOneIsRefused(int device) {
        assertRefused(request(m -> m).toBuilder().setSenderDeviceId(device).build(),
                ErrorCode.VALIDATION_FAILED, "senderDeviceId");
    }

    @Test
    void aRequestWithoutMessageIsRefused() {
        assertRefused(request(m -> m).toBuilder().clearMessage().build(), ErrorCode.VALIDATION_FAILED,
                "clientMessageId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "image/jpeg", "application/vnd.chat+json", "text/plain; charset=utf-8",
            "application/x-www-form-urlencoded", "a/b"})
    void mediaTypesAreAccepted(String contentType) {
        assertThat(SendValidation.validate(request(m -> m.setContentType(contentType)), PROPERTIES).message()
                .getContentType()).isEqualTo(contentType);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text", "text/", "/plain", "text/plain/extra", "text /plain", "-text/plain",
            "text/pl ain", "tëxt/plain", "text/plain; é", "text/plain;\n", "text\\plain"})
    void badContentTypesAreRefused(String contentType) {
        assertRefused(request(m -> m.setContentType(contentType)), ErrorCode.VALIDATION_FAILED, "contentType");
    }

    @Test
    void aContentTypeLongerThanTheLimitIsRefused() {
        String atLimit = "text/plain;" + "x".repeat(SendValidation.MAX_CONTENT_TYPE - "text/plain;".length());
        assertThat(atLimit).hasSize(SendValidation.MAX_CONTENT_TYPE);
        assertThat(SendValidation.validate(request(m -> m.setContentType(atLimit)), PROPERTIES)).isNotNull();

        assertRefused(request(m -> m.setContentType(atLimit + "x")), ErrorCode.VALIDATION_FAILED, "contentType");
    }

    @Test
    void aBodyExactlyAtTheLimitIsAccepted() {
        ByteString body = ByteString.copyFrom(new byte[MAX_BODY]);

        assertThat(SendValidation.validate(request(m -> m.setBody(body)), PROPERTIES).message().getBody().size())
                .isEqualTo(MAX_BODY);
    }

    @Test
    void aBodyOneByteOverTheLimitIsRefusedAsTooLarge() {
        ByteString body = ByteString.copyFrom(new byte[MAX_BODY + 1]);

        assertRefused(request(m -> m.setBody(body)), ErrorCode.MESSAGE_BODY_TOO_LARGE, "65537");
    }

    @Test
    void anEmptyBodyIsAccepted() {
        assertThat(SendValidation.validate(request(m -> m.setBody(ByteString.EMPTY)), PROPERTIES)).isNotNull();
    }

    private static SendRequest request(UnaryOperator<SendMessage.Builder> change) {
        SendMessage.Builder message = SendMessage.newBuilder()
                .setClientMessageId(CLIENT_ID)
                .setRecipientUserId(RECIPIENT)
                .setContentType("text/plain")
                .setBody(ByteString.copyFromUtf8("hello"));
        return SendRequest.newBuilder()
                .setSenderUserId(SENDER)
                .setSenderDeviceId(3)
                .setMessage(change.apply(message))
                .build();
    }

    private static void assertRefused(SendRequest request, ErrorCode code, String detail) {
        assertThatThrownBy(() -> SendValidation.validate(request, PROPERTIES))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(detail);
    }
}
