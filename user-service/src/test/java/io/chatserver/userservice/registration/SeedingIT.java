package io.chatserver.userservice.registration;

import io.chatserver.testsupport.PhoneNumbers;
import io.chatserver.userservice.IntegrationTest;
import io.chatserver.userservice.UserApi;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.chatserver.userservice.UserApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /v1/test-hooks/users, on in the test profile: ready accounts for the load tool. */
class SeedingIT extends IntegrationTest {

    @Test
    void seededUsersHaveWorkingTokensSecretsAndDevices() {
        List<String> numbers = List.of(PhoneNumbers.randomMobile(), PhoneNumbers.randomMobile(), PhoneNumbers.randomMobile());
        Map<String, Object> body = seed(numbers).expectStatus().isCreated().expectBody(UserApi.JSON).returnResult()
                .getResponseBody();
        assertThat(body.get("alreadyRegistered")).isEqualTo(List.of());
        List<Map<String, Object>> users = users(body);
        assertThat(users).extracting(user -> user.get("phoneNumber")).containsExactlyElementsOf(numbers);
        assertThat(users).extracting(user -> user.get("userId")).doesNotHaveDuplicates();
        for (Map<String, Object> user : users) {
            assertThat(user.get("deviceId")).isEqualTo(1);
            assertThat(((Number) user.get("expiresInSeconds")).longValue()).isPositive();
            api.myProfile((String) user.get("accessToken")).expectStatus().isOk().expectBody()
                    .jsonPath("$.userId").isEqualTo(user.get("userId"))
                    .jsonPath("$.phoneNumber").isEqualTo(user.get("phoneNumber"));
            UserApi.Device device = new UserApi.Device((String) user.get("userId"), 1, (String) user.get("deviceSecret"), true);
            assertThat(api.accessToken(device)).isNotBlank();
            client.get().uri("/internal/v1/users/{id}/devices", user.get("userId")).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.deviceIds[0]").isEqualTo(1).jsonPath("$.version").isNotEmpty();
        }
    }

    @Test
    void aNumberWithAnAccountIsLeftAsItWas() {
        String registered = PhoneNumbers.randomMobile();
        UserApi.Device device = api.register(registered);
        String fresh = PhoneNumbers.randomMobile();

        Map<String, Object> body = seed(List.of(registered, fresh)).expectStatus().isCreated()
                .expectBody(UserApi.JSON).returnResult().getResponseBody();
        assertThat(body.get("alreadyRegistered")).isEqualTo(List.of(registered));
        assertThat(users(body)).extracting(user -> user.get("phoneNumber")).containsExactly(fresh);
        // Its phone was not signed out: the old secret still gets a token, for the same user.
        api.myProfile(api.accessToken(device)).expectStatus().isOk().expectBody()
                .jsonPath("$.userId").isEqualTo(device.userId());
    }

    @Test
    void oneBadNumberRefusesTheRequestAndCreatesNothing() {
        String good = PhoneNumbers.randomMobile();
        expectProblem(seed(List.of(good, "+49 not a number")), HttpStatus.BAD_REQUEST, 1301)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("phoneNumbers[1]: "));
        // Nothing was kept: the good number is still free.
        seed(List.of(good)).expectStatus().isCreated().expectBody().jsonPath("$.users[0].phoneNumber").isEqualTo(good);
    }

    @Test
    void aRepeatedNumberIsRefused() {
        String number = PhoneNumbers.randomMobile();
        String spaced = number.substring(0, 3) + " " + number.substring(3);
        expectProblem(seed(List.of(number, spaced)), HttpStatus.BAD_REQUEST, 1002)
                .jsonPath("$.detail").isEqualTo("phoneNumbers[1]: " + number + " is repeated");
        seed(List.of(number)).expectStatus().isCreated();
    }

    @Test
    void emptyAndOversizedListsAreRefused() {
        expectProblem(seed(List.of()), HttpStatus.BAD_REQUEST, 1002);
        List<String> tooMany = new ArrayList<>(Collections.nCopies(SeedRequest.MAX_NUMBERS + 1, "+4915100000000"));
        expectProblem(seed(tooMany), HttpStatus.BAD_REQUEST, 1002);
        expectProblem(client.post().uri("/v1/test-hooks/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"phoneNumbers\": 7}").exchange(), HttpStatus.BAD_REQUEST, 1001);
    }

    @Test
    void aFullBatchIsCreatedInOneRequest() {
        List<String> numbers = new ArrayList<>();
        while (numbers.size() < SeedRequest.MAX_NUMBERS) {
            String number = PhoneNumbers.randomMobile();
            if (!numbers.contains(number)) {
                numbers.add(number);
            }
        }
        Map<String, Object> body = seed(numbers).expectStatus().isCreated().expectBody(UserApi.JSON).returnResult()
                .getResponseBody();
        assertThat(users(body).size() + ((List<?>) body.get("alreadyRegistered")).size()).isEqualTo(numbers.size());
        assertThat(users(body)).hasSizeGreaterThan(SeedRequest.MAX_NUMBERS - 5);
    }

    private WebTestClient.ResponseSpec seed(List<String> numbers) {
        // A full batch answers with about 800 KB: 1,000 tokens and secrets.
        return client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 << 20)).build().post().uri("/v1/test-hooks/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phoneNumbers", numbers)).exchange();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> users(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("users");
    }
}
