package io.chatserver.userservice.registration;

import io.chatserver.testsupport.PhoneNumbers;
import io.chatserver.userservice.IntegrationTest;
import io.chatserver.userservice.UserApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.Map;

import static io.chatserver.userservice.UserApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class RegistrationIT extends IntegrationTest {

    @Test
    void fullFlowCreatesAnAccountAndASecretThatYieldsTokens() {
        String e164 = PhoneNumbers.randomMobile();
        String spaced = e164.substring(0, 3) + " " + e164.substring(3, 6) + " " + e164.substring(6);
        api.requestCode(spaced).expectStatus().isAccepted().expectBody()
                .jsonPath("$.phoneNumber").isEqualTo(e164)
                .jsonPath("$.expiresInSeconds").isEqualTo(300)
                .jsonPath("$.resendAfterSeconds").isEqualTo(60);

        String code = api.latestCode(e164);
        assertThat(code).matches("[0-9]{6}");
        Map<String, Object> registered = api.verify(spaced, code).expectStatus().isCreated()
                .expectBody(UserApi.JSON).returnResult().getResponseBody();
        assertThat(registered.get("userId").toString()).matches("[0-9a-f-]{36}");
        assertThat(registered.get("deviceId")).isEqualTo(1);
        assertThat(registered.get("newAccount")).isEqualTo(true);
        assertThat(registered.get("deviceSecret").toString()).matches("[A-Za-z0-9_-]{43,}");

        UserApi.Device device = new UserApi.Device(registered.get("userId").toString(), 1,
                registered.get("deviceSecret").toString(), true);
        api.myProfile(api.accessToken(device)).expectStatus().isOk().expectBody()
                .jsonPath("$.userId").isEqualTo(device.userId())
                .jsonPath("$.phoneNumber").isEqualTo(e164);
    }

    @Test
    void aCodeIsSingleUse() {
        String e164 = PhoneNumbers.randomMobile();
        api.requestCode(e164).expectStatus().isAccepted();
        String code = api.latestCode(e164);
        api.verify(e164, code).expectStatus().isCreated();
        expectProblem(api.verify(e164, code), HttpStatus.BAD_REQUEST, 1305);
    }

    @Test
    void wrongCodesBurnTheCodeAndTheRightOneFailsAfterwards() {
        String e164 = PhoneNumbers.randomMobile();
        api.requestCode(e164).expectStatus().isAccepted();
        String code = api.latestCode(e164);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int attempt = 1; attempt < 5; attempt++) {
            expectProblem(api.verify(e164, wrong), HttpStatus.BAD_REQUEST, 1304)
                    .jsonPath("$.detail").isEqualTo("code: wrong; " + (5 - attempt) + " attempts left");
        }
        expectProblem(api.verify(e164, wrong), HttpStatus.TOO_MANY_REQUESTS, 1306);
        expectProblem(api.verify(e164, code), HttpStatus.TOO_MANY_REQUESTS, 1306);
    }

    @Test
    void anExpiredCodeIsRefused() {
        String e164 = PhoneNumbers.randomMobile();
        api.requestCode(e164).expectStatus().isAccepted();
        String code = api.latestCode(e164);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        expectProblem(api.verify(e164, code), HttpStatus.BAD_REQUEST, 1305);
    }

    @Test
    void aCodeNeverSentIsRefused() {
        expectProblem(api.verify(PhoneNumbers.randomMobile(), "123456"), HttpStatus.BAD_REQUEST, 1305);
    }

    @Test
    void askingAgainWithinTheCoolDownIsRefusedAndAfterItSendsANewCode() {
        String e164 = PhoneNumbers.randomMobile();
        api.requestCode(e164).expectStatus().isAccepted();
        String first = api.latestCode(e164);
        clock.advance(Duration.ofSeconds(59));
        expectProblem(api.requestCode(e164), HttpStatus.TOO_MANY_REQUESTS, 1302);
        assertThat(api.latestCode(e164)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(2));
        api.requestCode(e164).expectStatus().isAccepted();
        String second = api.latestCode(e164);
        // The new code replaces the old one (unless the dice repeat, one in a million).
        if (!second.equals(first)) {
            expectProblem(api.verify(e164, first), HttpStatus.BAD_REQUEST, 1304);
        }
        api.verify(e164, second).expectStatus().isCreated();
    }

    @Test
    void aNumberGetsAtMostFiveCodesPerHour() {
        String e164 = PhoneNumbers.randomMobile();
        for (int i = 0; i < 5; i++) {
            api.requestCode(e164).expectStatus().isAccepted();
            clock.advance(Duration.ofSeconds(61));
        }
        expectProblem(api.requestCode(e164), HttpStatus.TOO_MANY_REQUESTS, 1303);
        clock.advance(Duration.ofHours(1));
        api.requestCode(e164).expectStatus().isAccepted();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "+49 151 CALLME", "+49 12", "+999 1234567", "015123456789",
            "+4915123456789012345678901234567890"})
    void invalidNumbersAreRefusedWith1301(String phoneNumber) {
        expectProblem(api.requestCode(phoneNumber), HttpStatus.BAD_REQUEST, 1301);
        expectProblem(api.verify(phoneNumber, "123456"), HttpStatus.BAD_REQUEST, 1301);
    }

    @Test
    void nationalNumbersNeedTheRegion() {
        String e164 = PhoneNumbers.randomMobile();
        String national = "0" + e164.substring(3);
        client.post().uri("/v1/registration/codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phoneNumber", national, "region", "DE")).exchange()
                .expectStatus().isAccepted().expectBody().jsonPath("$.phoneNumber").isEqualTo(e164);
    }

    @Test
    void malformedRequestsAreRefusedWithTheirField() {
        expectProblem(client.post().uri("/v1/registration/codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange(), HttpStatus.BAD_REQUEST, 1002)
                .jsonPath("$.fields[0].field").isEqualTo("phoneNumber");
        expectProblem(api.verify(PhoneNumbers.randomMobile(), "12ab56"), HttpStatus.BAD_REQUEST, 1002)
                .jsonPath("$.fields[0].field").isEqualTo("code");
        expectProblem(client.post().uri("/v1/registration/verifications").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phoneNumber", PhoneNumbers.randomMobile(), "code", "123456",
                        "deviceName", "x".repeat(65))).exchange(), HttpStatus.BAD_REQUEST, 1002)
                .jsonPath("$.fields[0].field").isEqualTo("deviceName");
        expectProblem(client.post().uri("/v1/registration/codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json").exchange(), HttpStatus.BAD_REQUEST, 1001);
    }

    @Test
    void theTestHookAnswers404ForANumberWithoutCode() {
        expectProblem(client.get().uri(uri -> uri.path("/v1/test-hooks/sms/latest")
                .queryParam("phoneNumber", "{n}").build(PhoneNumbers.randomMobile())).exchange(), HttpStatus.NOT_FOUND, 1007);
    }
}
