package io.chatserver.userservice;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's HTTP API as the tests use it: each step asserts its happy answer. */
public final class UserApi {

    /** A JSON object body. */
    public static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final WebTestClient client;

    UserApi(WebTestClient client) {
        this.client = client;
    }

    public WebTestClient.ResponseSpec requestCode(String phoneNumber) {
        return client.post().uri("/v1/registration/codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phoneNumber", phoneNumber)).exchange();
    }

    /** The last code the logging SMS sender "sent", through the test hook. */
    public String latestCode(String e164) {
        Map<String, Object> body = client.get()
                .uri(uri -> uri.path("/v1/test-hooks/sms/latest").queryParam("phoneNumber", "{n}").build(e164))
                .exchange().expectStatus().isOk().expectBody(UserApi.JSON).returnResult().getResponseBody();
        assertThat(body).containsEntry("phoneNumber", e164);
        return (String) body.get("code");
    }

    public WebTestClient.ResponseSpec verify(String phoneNumber, String code) {
        return client.post().uri("/v1/registration/verifications").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phoneNumber", phoneNumber, "code", code)).exchange();
    }

    /** Registers the number from scratch: code request, hook, verification. */
    public Device register(String e164) {
        requestCode(e164).expectStatus().isAccepted();
        Map<String, Object> body = verify(e164, latestCode(e164)).expectStatus().isCreated()
                .expectBody(UserApi.JSON).returnResult().getResponseBody();
        return new Device((String) body.get("userId"), ((Number) body.get("deviceId")).intValue(),
                (String) body.get("deviceSecret"), (Boolean) body.get("newAccount"));
    }

    public WebTestClient.ResponseSpec token(String userId, int deviceId, String deviceSecret) {
        return client.post().uri("/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", userId, "deviceId", deviceId, "deviceSecret", deviceSecret)).exchange();
    }

    public String accessToken(Device device) {
        Map<String, Object> body = token(device.userId(), device.deviceId(), device.deviceSecret())
                .expectStatus().isOk().expectBody(UserApi.JSON).returnResult().getResponseBody();
        assertThat(body).containsEntry("tokenType", "Bearer");
        return (String) body.get("accessToken");
    }

    public WebTestClient.ResponseSpec myProfile(String accessToken) {
        return client.get().uri("/v1/profiles/me").headers(h -> h.setBearerAuth(accessToken)).exchange();
    }

    public WebTestClient.ResponseSpec updateProfile(String accessToken, Object body) {
        return client.put().uri("/v1/profiles/me").headers(h -> h.setBearerAuth(accessToken))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec setPhoto(String accessToken, String body) {
        return client.put().uri("/v1/profiles/me/photo").headers(h -> h.setBearerAuth(accessToken))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec removePhoto(String accessToken) {
        return client.delete().uri("/v1/profiles/me/photo").headers(h -> h.setBearerAuth(accessToken)).exchange();
    }

    /** Asserts an RFC 9457 problem with this HTTP status and numbered code. */
    public static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, HttpStatus status, int code) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }

    public record Device(String userId, int deviceId, String deviceSecret, boolean newAccount) {
    }
}
