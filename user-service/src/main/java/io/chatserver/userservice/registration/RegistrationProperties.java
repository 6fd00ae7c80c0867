package io.chatserver.userservice.registration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Registration by SMS code (A10).
 *
 * @param codeTtl how long a code can be used
 * @param resendCooldown how long a number waits before it may ask for another code
 * @param maxAttempts wrong codes allowed before the code is burnt
 * @param numberLimit codes sent to one number per {@code numberWindow}
 * @param numberWindow window of {@code numberLimit}, starting with the first code in it
 * @param ipLimit codes requested from one client address per {@code ipWindow} (raise it for load tests)
 * @param ipWindow window of {@code ipLimit}
 * @param codePepper HMAC key for stored code hashes, shared by all replicas; set it from a secret in production
 * @param trustForwardedFor take the client address from the last X-Forwarded-For entry (only behind a trusted proxy)
 * @param testHookEnabled expose the last code sent to each number at GET /v1/test-hooks/sms/latest
 * @param seedingEnabled create many ready accounts at once at POST /v1/test-hooks/users, skipping the SMS
 *                       (load tests only; never in production)
 */
@Validated
@ConfigurationProperties("chat.registration")
record RegistrationProperties(
        @NotNull @DefaultValue("5m") Duration codeTtl,
        @NotNull @DefaultValue("60s") Duration resendCooldown,
        @Min(1) @Max(100) @DefaultValue("5") int maxAttempts,
        @Min(1) @DefaultValue("5") int numberLimit,
        @NotNull @DefaultValue("1h") Duration numberWindow,
        @Min(1) @DefaultValue("20") int ipLimit,
        @NotNull @DefaultValue("1h") Duration ipWindow,
        @NotNull @Size(min = 16) @DefaultValue("local-development-pepper-not-for-production") String codePepper,
        @DefaultValue("false") boolean trustForwardedFor,
        @DefaultValue("false") boolean testHookEnabled,
        @DefaultValue("false") boolean seedingEnabled) {
}
