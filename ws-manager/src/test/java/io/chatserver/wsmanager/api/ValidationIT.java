package io.chatserver.wsmanager.api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Bad input is refused with a numbered problem and changes nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "chat.instance-id=ws-manager-it")
@AutoConfigureWebTestClient
class ValidationIT {

    @Autowired
    WebTestClient http;

    private final String user = UUID.randomUUID().toString();

    @Test
    void aRegistrationWithInvalidFieldsIsAValidationProblem() {
        post("/internal/v1/sessions", Map.of("userId", "nope", "deviceId", 0, "sessionId", "a|b", "handlerId", "h"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo(1002).jsonPath("$.error").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.fields.length()").isEqualTo(3);
        http.get().uri("/internal/v1/users/{u}/sessions", user).exchange().expectBody().json("[]");
    }

    @Test
    void unreadableJsonIsAMalformedRequest() {
        http.post().uri("/internal/v1/sessions").contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo(1001);
    }

    @Test
    void badPathAndQueryValuesAreValidationProblems() {
        http.get().uri("/internal/v1/users/not-a-uuid/sessions").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo(1002);
        http.put().uri("/internal/v1/handlers/bad:id/lease").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo(1002);
        http.delete().uri("/internal/v1/sessions/s1?userId={u}", user).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(detail ->
                        org.assertj.core.api.Assertions.assertThat((String) detail).contains("deviceId"));
    }

    @Test
    void anOversizedFrameIsRefusedWithFrameTooLarge() {
        String big = Base64.getEncoder().encodeToString(new byte[69_633]);
        post("/internal/v1/deliveries", Map.of("userId", user, "serverFrame", big))
                .expectStatus().isEqualTo(413).expectBody().jsonPath("$.code").isEqualTo(1003);
    }

    @Test
    void aDisconnectReasonMustEndConnections() {
        post("/internal/v1/sessions/disconnect", Map.of("userId", user, "reason", "RATE_LIMITED"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo(1002);
    }

    private WebTestClient.ResponseSpec post(String path, Map<String, ?> body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
