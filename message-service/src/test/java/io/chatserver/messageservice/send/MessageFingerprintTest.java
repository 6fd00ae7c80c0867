package io.chatserver.messageservice.send;

import com.google.protobuf.ByteString;
import io.chatserver.protocol.v1.SendMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFingerprintTest {

    private static final SendMessage MESSAGE = SendMessage.newBuilder()
            .setClientMessageId("6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0b")
            .setRecipientUserId("f3a2b1c0-1234-4abc-8def-0123456789ab")
            .setContentType("text/plain")
            .setBody(ByteString.copyFromUtf8("hello"))
            .setReplyToId("9e8d7c6b-5a49-11f0-8abc-0123456789ab")
            .build();

    @Test
    void isASha256() {
        assertThat(MessageFingerprint.of(MESSAGE)).hasSize(32);
    }

    @Test
    void theSameContentGivesTheSameHash() {
        assertThat(MessageFingerprint.of(MESSAGE.toBuilder().build())).isEqualTo(MessageFingerprint.of(MESSAGE));
    }

    @Test
    void theClientMessageIdIsNotPartOfIt() {
        SendMessage otherId = MESSAGE.toBuilder().setClientMessageId("00000000-0000-4000-8000-000000000000").build();

        assertThat(MessageFingerprint.of(otherId)).isEqualTo(MessageFingerprint.of(MESSAGE));
    }

    @Test
    void everyOtherFieldChangesIt() {
        List<UnaryOperator<SendMessage.Builder>> changes = List.of(
                m -> m.setRecipientUserId("f3a2b1c0-1234-4abc-8def-0123456789ac"),
                m -> m.setContentType("text/markdown"),
                m -> m.setBody(ByteString.copyFromUtf8("hellO")),
                m -> m.setBody(ByteString.copyFromUtf8("hello ")),
                m -> m.setBody(ByteString.EMPTY),
                m -> m.setReplyToId("9e8d7c6b-5a49-11f0-8abc-0123456789ac"),
                m -> m.clearReplyToId());
        byte[] original = MessageFingerprint.of(MESSAGE);

        for (UnaryOperator<SendMessage.Builder> change : changes) {
            SendMessage changed = change.apply(MESSAGE.toBuilder()).build();
            assertThat(MessageFingerprint.of(changed)).as("after changing to %s", changed).isNotEqualTo(original);
        }
    }

    @Test
    void movingBytesBetweenFieldsChangesIt() {
        SendMessage a = MESSAGE.toBuilder().setContentType("text/plain").setBody(ByteString.copyFromUtf8("ab")).build();
        SendMessage b = MESSAGE.toBuilder().setContentType("text/plaina").setBody(ByteString.copyFromUtf8("b")).build();

        assertThat(MessageFingerprint.of(a)).isNotEqualTo(MessageFingerprint.of(b));
    }
}
