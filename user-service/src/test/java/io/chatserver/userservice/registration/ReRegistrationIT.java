package io.chatserver.userservice.registration;

import io.chatserver.testsupport.PhoneNumbers;
import io.chatserver.userservice.FakeWsManager;
import io.chatserver.userservice.IntegrationTest;
import io.chatserver.userservice.UserApi;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Duration;

import static io.chatserver.userservice.UserApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A10: registering a number on a new phone invalidates the key of the old one. */
class ReRegistrationIT extends IntegrationTest {

    @Test
    void registeringTheNumberAgainSignsTheOldPhoneOut() {
        String e164 = PhoneNumbers.randomMobile();
        UserApi.Device old = api.register(e164);
        String oldToken = api.accessToken(old);
        api.myProfile(oldToken).expectStatus().isOk();

        clock.advance(Duration.ofSeconds(61));
        UserApi.Device replacement = api.register(e164);
        assertThat(replacement.userId()).isEqualTo(old.userId());
        assertThat(replacement.deviceId()).isEqualTo(1);
        assertThat(replacement.newAccount()).isFalse();
        assertThat(replacement.deviceSecret()).isNotEqualTo(old.deviceSecret());

        expectProblem(api.myProfile(oldToken), HttpStatus.UNAUTHORIZED, 1204);
        expectProblem(api.token(old.userId(), 1, old.deviceSecret()), HttpStatus.UNAUTHORIZED, 1205);
        api.myProfile(api.accessToken(replacement)).expectStatus().isOk()
                .expectBody().jsonPath("$.userId").isEqualTo(old.userId());
        assertThat(FakeWsManager.get().disconnects()).anySatisfy(body -> assertThat(body)
                .contains("\"userId\":\"" + old.userId() + "\"")
                .contains("\"deviceId\":1")
                .contains("\"reason\":\"SESSION_DEVICE_SIGNED_OUT\""));
    }
}
