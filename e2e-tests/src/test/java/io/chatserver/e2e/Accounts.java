package io.chatserver.e2e;

import io.chatserver.testsupport.PhoneNumbers;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Registers users through user-service's public API, reading the SMS code from the test hook. */
final class Accounts {

    record Device(String phoneNumber, String userId, int deviceId, String secret) {
    }

    private final URI userService;

    Accounts(URI userService) {
        this.userService = userService;
    }

    Device registerNew() {
        return register(PhoneNumbers.randomMobile());
    }

    Device register(String phoneNumber) {
        Http.Response requested = Http.post(userService.resolve("/v1/registration/codes"), Map.of("phoneNumber", phoneNumber));
        assertThat(requested.status()).as("request code: %s", requested.body()).isEqualTo(202);
        String code = Http.get(userService.resolve("/v1/test-hooks/sms/latest?phoneNumber="
                + URLEncoder.encode(phoneNumber, StandardCharsets.UTF_8)), null).text("code");
        Http.Response verified = Http.post(userService.resolve("/v1/registration/verifications"),
                Map.of("phoneNumber", phoneNumber, "code", code));
        assertThat(verified.status()).as("verify: %s", verified.body()).isEqualTo(201);
        return new Device(phoneNumber, verified.text("userId"),
                ((Number) verified.body().get("deviceId")).intValue(), verified.text("deviceSecret"));
    }

    String token(Device device) {
        Http.Response token = Http.post(userService.resolve("/v1/auth/tokens"),
                Map.of("userId", device.userId(), "deviceId", device.deviceId(), "deviceSecret", device.secret()));
        assertThat(token.status()).as("token: %s", token.body()).isEqualTo(200);
        return token.text("accessToken");
    }
}
