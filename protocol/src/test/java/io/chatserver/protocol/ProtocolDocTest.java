package io.chatserver.protocol;

import io.chatserver.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/protocol.md lists every error code with the status and close code the schema gives it. */
class ProtocolDocTest {

    @Test
    void theErrorTableMatchesTheSchema() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "protocol.md"));

        Arrays.stream(ErrorCode.values())
                .filter(code -> code != ErrorCode.UNRECOGNIZED && code != ErrorCode.ERROR_CODE_UNSPECIFIED)
                .forEach(code -> assertThat(doc).as(code.name()).contains("| " + code.getNumber() + " | `" + code.name()
                        + "` | " + ErrorCodes.httpStatus(code) + " | "
                        + (ErrorCodes.closeCode(code).isPresent() ? ErrorCodes.closeCode(code).getAsInt() : "-") + " | "
                        + ErrorCodes.defaultMessage(code) + " |"));
    }
}
