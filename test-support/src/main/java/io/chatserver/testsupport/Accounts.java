package io.chatserver.testsupport;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registers users through user-service's public API, reading the SMS code from its test hook
 * (user-service must run with {@code --chat.registration.test-hook-enabled=true}, and with a high
 * {@code ip-limit} when a test registers many users from one address).
 */
public final class Accounts {

    /** A registered device: the user's phone number and id, the device id and its secret. */
    public record Device(String phoneNumber, String userId, int deviceId, String secret) {
    }

    private final URI userService;

    /** For the user-service at {@code userService}, e.g. {@code http://127.0.0.1:8081}. */
    public Accounts(URI userService) {
        this.userService = userService;
    }

    /** A new user with a random phone number; its first device (device 1). */
    public Device registerNew() {
        return register(PhoneNumbers.randomMobile());
    }

    /** Registers the number (again, when it is taken: that signs the user's old primary device out). */
    public Device register(String phoneNumber) {
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

    /** An account created through the seeding hook, with a token for its device 1. */
    public record Seeded(String userId, String accessToken) {
    }

    /**
     * {@code count} (at most 1,000) new accounts in one call of the seeding hook (user-service with
     * {@code --chat.registration.seeding-enabled=true}), for tests that need many users.
     */
    @SuppressWarnings("unchecked")
    public List<Seeded> seed(int count) {
        List<Seeded> users = new ArrayList<>(count);
        // A random number another test (or an earlier run) took is skipped; its place is seeded again.
        for (int round = 0; round < 5 && users.size() < count; round++) {
            List<String> numbers = new ArrayList<>(count - users.size());
            while (numbers.size() < count - users.size()) {
                String number = PhoneNumbers.randomMobile();
                if (!numbers.contains(number)) {
                    numbers.add(number);
                }
            }
            Http.Response seeded = Http.post(userService.resolve("/v1/test-hooks/users"), Map.of("phoneNumbers", numbers));
            assertThat(seeded.status()).as("seed: %s", seeded.body()).isEqualTo(201);
            ((List<Map<String, Object>>) seeded.body().get("users")).stream()
                    .map(user -> new Seeded((String) user.get("userId"), (String) user.get("accessToken")))
                    .forEach(users::add);
        }
        assertThat(users).as("seeded users").hasSize(count);
        return users;
    }

    /** A fresh access token for the device. */
    public String token(Device device) {
        Http.Response token = Http.post(userService.resolve("/v1/auth/tokens"),
                Map.of("userId", device.userId(), "deviceId", device.deviceId(), "deviceSecret", device.secret()));
        assertThat(token.status()).as("token: %s", token.body()).isEqualTo(200);
        return token.text("accessToken");
    }
}
