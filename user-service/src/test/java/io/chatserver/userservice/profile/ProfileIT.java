package io.chatserver.userservice.profile;

import io.chatserver.testsupport.PhoneNumbers;
import io.chatserver.userservice.IntegrationTest;
import io.chatserver.userservice.UserApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.util.Map;
import java.util.UUID;

import static io.chatserver.userservice.UserApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileIT extends IntegrationTest {

    private static final String EMOJI = "\uD83D\uDE00";

    private String e164;
    private UserApi.Device device;
    private String token;

    @BeforeEach
    void register() {
        e164 = PhoneNumbers.randomMobile();
        device = api.register(e164);
        token = api.accessToken(device);
    }

    @Test
    void aNewAccountHasAnEmptyProfile() {
        api.myProfile(token).expectStatus().isOk().expectBody()
                .jsonPath("$.userId").isEqualTo(device.userId())
                .jsonPath("$.phoneNumber").isEqualTo(e164)
                .jsonPath("$.displayName").doesNotExist()
                .jsonPath("$.about").isEqualTo("")
                .jsonPath("$.updatedAt").isNotEmpty();
    }

    @Test
    void aPhotoIsNotSetWhileAssetServiceCannotCheckItAndBadRequestsChangeNothing() {
        expectProblem(api.setPhoto(token, "{\"assetId\":\"" + UUID.randomUUID() + "\"}"),
                HttpStatus.SERVICE_UNAVAILABLE, 2206);
        expectProblem(api.setPhoto(token, "{}"), HttpStatus.BAD_REQUEST, 1002);
        expectProblem(api.setPhoto(token, "{\"assetId\":\"not-an-id\"}"), HttpStatus.BAD_REQUEST, 1001);
        expectProblem(api.setPhoto("junk", "{\"assetId\":\"" + UUID.randomUUID() + "\"}"), HttpStatus.UNAUTHORIZED, 1202);

        api.myProfile(token).expectStatus().isOk().expectBody().jsonPath("$.photo").isEmpty();
        // Removing what is not there asks nobody and succeeds.
        api.removePhoto(token).expectStatus().isOk().expectBody().jsonPath("$.photo").isEmpty();
    }

    @Test
    void anSqlInjectionStringIsStoredAndReturnedVerbatim() {
        String name = "Robert'); DROP TABLE users;--";
        String about = "\" OR 1=1; -- \\ ' ` " + EMOJI + " ünïcødé";
        api.updateProfile(token, Map.of("displayName", name, "about", about)).expectStatus().isOk().expectBody()
                .jsonPath("$.displayName").isEqualTo(name)
                .jsonPath("$.about").isEqualTo(about);
        api.myProfile(token).expectStatus().isOk().expectBody()
                .jsonPath("$.displayName").isEqualTo(name)
                .jsonPath("$.about").isEqualTo(about);
    }

    @Test
    void fieldsAreTrimmedAndLimitsCountCharactersNotBytes() {
        api.updateProfile(token, Map.of("displayName", "  " + EMOJI.repeat(64) + " ", "about", EMOJI.repeat(140)))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.displayName").isEqualTo(EMOJI.repeat(64))
                .jsonPath("$.about").isEqualTo(EMOJI.repeat(140));
    }

    @Test
    void overLongFieldsAreRefusedWith1002AndChangeNothing() {
        api.updateProfile(token, Map.of("displayName", "Ann", "about", "hello")).expectStatus().isOk();

        expectProblem(api.updateProfile(token, Map.of("displayName", "a".repeat(65))), HttpStatus.BAD_REQUEST, 1002)
                .jsonPath("$.fields[0].field").isEqualTo("displayName");
        expectProblem(api.updateProfile(token, Map.of("displayName", "Ann", "about", EMOJI.repeat(141))),
                HttpStatus.BAD_REQUEST, 1002)
                .jsonPath("$.fields[0].field").isEqualTo("about");
        expectProblem(api.updateProfile(token, Map.of("displayName", "  ")), HttpStatus.BAD_REQUEST, 1002)
                .jsonPath("$.fields[0].field").isEqualTo("displayName");
        expectProblem(api.updateProfile(token, Map.of("displayName", "Ann\nBob")), HttpStatus.BAD_REQUEST, 1002)
                .jsonPath("$.fields[0].field").isEqualTo("displayName");

        api.myProfile(token).expectStatus().isOk().expectBody()
                .jsonPath("$.displayName").isEqualTo("Ann")
                .jsonPath("$.about").isEqualTo("hello");
    }

    @Test
    void othersSeeTheProfileWithoutThePhoneNumber() {
        api.updateProfile(token, Map.of("displayName", "Ann", "about", "at work")).expectStatus().isOk();
        String otherToken = api.accessToken(api.register(PhoneNumbers.randomMobile()));
        Map<String, Object> seen = client.get().uri("/v1/profiles/{id}", device.userId())
                .headers(h -> h.setBearerAuth(otherToken)).exchange()
                .expectStatus().isOk().expectBody(UserApi.JSON).returnResult().getResponseBody();
        assertThat(seen).containsOnlyKeys("userId", "displayName", "about", "photo")
                .containsEntry("userId", device.userId())
                .containsEntry("displayName", "Ann")
                .containsEntry("about", "at work")
                .containsEntry("photo", null);
    }

    @Test
    void anUnknownUserIs1401() {
        expectProblem(client.get().uri("/v1/profiles/{id}", UUID.randomUUID())
                .headers(h -> h.setBearerAuth(token)).exchange(), HttpStatus.NOT_FOUND, 1401);
    }

    @Test
    void otherProfilesNeedATokenToo() {
        expectProblem(client.get().uri("/v1/profiles/{id}", device.userId()).exchange(), HttpStatus.UNAUTHORIZED, 1201);
    }
}
