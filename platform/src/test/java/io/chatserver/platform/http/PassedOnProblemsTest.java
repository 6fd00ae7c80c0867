package io.chatserver.platform.http;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;

import static org.assertj.core.api.Assertions.assertThat;

class PassedOnProblemsTest {

    private static ChatException refusal(HttpStatus status, String contentType, String body) {
        ClientResponse response = ClientResponse.create(status)
                .header(HttpHeaders.CONTENT_TYPE, contentType).body(body).build();
        return (ChatException) PassedOnProblems.refusal(response, "asset-service",
                ErrorCode.ASSET_STORE_UNAVAILABLE, ChatException::new).block();
    }

    @Test
    void aKnownCodeIsPassedOnWithItsDetail() {
        ChatException e = refusal(HttpStatus.NOT_FOUND, "application/problem+json",
                "{\"code\":2203,\"detail\":\"no such asset\",\"status\":404}");
        assertThat(e.code()).isEqualTo(ErrorCode.ASSET_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("no such asset");
    }

    @Test
    void internalUnknownOrMissingCodesBecomeTheRetryableOne() {
        assertThat(refusal(HttpStatus.INTERNAL_SERVER_ERROR, "application/problem+json",
                "{\"code\":1099,\"detail\":\"boom\"}").code()).isEqualTo(ErrorCode.ASSET_STORE_UNAVAILABLE);
        assertThat(refusal(HttpStatus.BAD_REQUEST, "application/problem+json",
                "{\"code\":987654,\"detail\":\"from the future\"}").code()).isEqualTo(ErrorCode.ASSET_STORE_UNAVAILABLE);
        assertThat(refusal(HttpStatus.BAD_REQUEST, "application/problem+json",
                "{\"detail\":\"no code\"}").code()).isEqualTo(ErrorCode.ASSET_STORE_UNAVAILABLE);
    }

    @Test
    void anUnreadableBodyNamesTheServiceAndStatus() {
        ChatException e = refusal(HttpStatus.BAD_GATEWAY, "text/html", "<html>bad gateway</html>");
        assertThat(e.code()).isEqualTo(ErrorCode.ASSET_STORE_UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("asset-service answered 502");
    }
}
