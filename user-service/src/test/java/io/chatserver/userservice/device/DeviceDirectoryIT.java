package io.chatserver.userservice.device;

import io.chatserver.testsupport.PhoneNumbers;
import io.chatserver.userservice.IntegrationTest;
import io.chatserver.userservice.UserApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.chatserver.userservice.UserApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The internal device directory message-service asks; it needs no access token. */
class DeviceDirectoryIT extends IntegrationTest {

    private String phoneNumber;
    private UserApi.Device device;

    @BeforeEach
    void register() {
        phoneNumber = PhoneNumbers.randomMobile();
        device = api.register(phoneNumber);
    }

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Test
    void aRegisteredUserHasThePrimaryDevice() {
        Map<String, Object> body = body(device.userId());
        assertThat(body).containsOnlyKeys("userId", "deviceIds", "version")
                .containsEntry("userId", device.userId())
                .containsEntry("deviceIds", List.of(1));
    }

    @Test
    void theVersionIsTheTagRegistrationSetAndStaysWhileTheListDoesNot() {
        String tag = redis.opsForValue().get(versionKey()).block();
        assertThat(tag).as("set when the account and its device were created").isNotBlank();
        assertThat(body(device.userId())).containsEntry("version", tag);

        // Registering the number again replaces device 1's secret: same devices, same version.
        clock.advance(Duration.ofSeconds(61)); // past the resend cooldown of the code
        api.register(phoneNumber);
        assertThat(body(device.userId())).containsEntry("version", tag);
    }

    @Test
    void aTagRedisLostIsCreatedAgainAndThenKept() {
        redis.delete(versionKey()).block();
        Object created = body(device.userId()).get("version");
        assertThat(created).isInstanceOf(String.class);
        assertThat(redis.opsForValue().get(versionKey()).block()).isEqualTo(created);
        assertThat(body(device.userId())).containsEntry("version", created);
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

    private String versionKey() {
        return "chat:device-list:" + device.userId();
    }

    private Map<String, Object> body(String userId) {
        return devices(userId).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(UserApi.JSON).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec devices(String userId) {
        return client.get().uri("/internal/v1/users/{id}/devices", userId).exchange();
    }
}
