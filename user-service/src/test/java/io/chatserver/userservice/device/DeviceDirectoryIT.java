package io.chatserver.userservice.device;

import io.chatserver.testsupport.PhoneNumbers;
import io.chatserver.userservice.IntegrationTest;
import io.chatserver.userservice.UserApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.chatserver.userservice.UserApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The internal device directory message-service asks; it needs no access token. */
class DeviceDirectoryIT extends IntegrationTest {

    private UserApi.Device device;

    @BeforeEach
    void register() {
        device = api.register(PhoneNumbers.randomMobile());
    }

    @Test
    void aRegisteredUserHasThePrimaryDevice() {
        Map<String, Object> body = devices(device.userId()).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(UserApi.JSON).returnResult().getResponseBody();
        assertThat(body).containsOnlyKeys("userId", "deviceIds")
                .containsEntry("userId", device.userId())
                .containsEntry("deviceIds", List.of(1));
    }

    @Test
    void anUppercaseUserIdFindsTheSameUser() {
        devices(device.userId().toUpperCase(Locale.ROOT)).expectStatus().isOk().expectBody()
                .jsonPath("$.userId").isEqualTo(device.userId())
                .jsonPath("$.deviceIds[0]").isEqualTo(1);
    }

    @Test
    void aTokenIsNotLookedAt() {
        client.get().uri("/internal/v1/users/{id}/devices", device.userId())
                .headers(h -> h.setBearerAuth("not-a-token")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void anUnknownUserIs1401() {
        expectProblem(devices(UUID.randomUUID().toString()), HttpStatus.NOT_FOUND, 1401);
    }

    @Test
    void aUserIdThatIsNotAUuidIs1002() {
        expectProblem(devices("not-a-uuid"), HttpStatus.BAD_REQUEST, 1002);
        expectProblem(devices("1-2-3-4-5"), HttpStatus.BAD_REQUEST, 1002);
    }

    private WebTestClient.ResponseSpec devices(String userId) {
        return client.get().uri("/internal/v1/users/{id}/devices", userId).exchange();
    }
}
