package io.chatserver.protocol;

import io.chatserver.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodesTest {

    private static List<ErrorCode> realCodes() {
        return Arrays.stream(ErrorCode.values())
                .filter(code -> code != ErrorCode.UNRECOGNIZED && code != ErrorCode.ERROR_CODE_UNSPECIFIED)
                .toList();
    }

    @Test
    void everyCodeHasAnHttpStatusAndAMessage() {
        for (ErrorCode code : realCodes()) {
            assertThat(ErrorCodes.httpStatus(code)).as(code.name()).isBetween(400, 599);
            assertThat(ErrorCodes.defaultMessage(code)).as(code.name()).isNotEqualTo(code.name()).isNotBlank();
        }
    }

    @Test
    void closeCodesAreOnesAClientMayReceive() {
        for (ErrorCode code : realCodes()) {
            ErrorCodes.closeCode(code).ifPresent(close -> assertThat(close).as(code.name())
                    .satisfiesAnyOf(c -> assertThat(c).isBetween(4000, 4999), c -> assertThat(c).isBetween(1000, 1014)));
        }
    }

    @Test
    void closeReasonsFitTheProtocolLimitAndParseBack() {
        for (ErrorCode code : realCodes()) {
            String reason = ErrorCodes.closeReason(code);
            assertThat(reason.getBytes(StandardCharsets.UTF_8)).as(code.name()).hasSizeLessThanOrEqualTo(123);
            assertThat(ErrorCodes.fromCloseReason(reason)).isEqualTo(code);
        }
    }

    @Test
    void unknownCloseReasonsParseAsUnspecified() {
        assertThat(ErrorCodes.fromCloseReason(null)).isEqualTo(ErrorCode.ERROR_CODE_UNSPECIFIED);
        assertThat(ErrorCodes.fromCloseReason("bye")).isEqualTo(ErrorCode.ERROR_CODE_UNSPECIFIED);
        assertThat(ErrorCodes.fromCloseReason("99999 what")).isEqualTo(ErrorCode.ERROR_CODE_UNSPECIFIED);
    }

    @Test
    void truncationNeverSplitsACharacter() {
        String text = "é".repeat(100); // 200 bytes
        String cut = ErrorCodes.truncateUtf8(text, 123);

        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(122);
        assertThat(cut).isEqualTo("é".repeat(61));
    }
}
