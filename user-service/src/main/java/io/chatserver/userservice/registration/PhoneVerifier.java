package io.chatserver.userservice.registration;

import io.chatserver.platform.devices.DeviceListVersions;
import io.chatserver.platform.security.DeviceGenerations;
import io.chatserver.userservice.account.AccountStore;
import io.chatserver.userservice.account.DeviceSecrets;
import io.chatserver.userservice.account.PrimaryDeviceRegistration;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * Turns a correct code into an account and a primary-device secret. Registering a number again
 * replaces device 1's secret and signs the old phone out (A10).
 */
final class PhoneVerifier {

    private final PhoneNumbers phoneNumbers;
    private final CodeHasher hasher;
    private final CodeStore codes;
    private final AccountStore accounts;
    private final DeviceSecrets secrets;
    private final DeviceGenerations generations;
    private final DeviceListVersions deviceLists;
    private final WsManagerClient wsManager;
    private final RegistrationProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    PhoneVerifier(PhoneNumbers phoneNumbers, CodeHasher hasher, CodeStore codes, AccountStore accounts,
            DeviceSecrets secrets, DeviceGenerations generations, DeviceListVersions deviceLists, WsManagerClient wsManager,
            RegistrationProperties properties, Clock clock, MeterRegistry meters) {
        this.phoneNumbers = phoneNumbers;
        this.hasher = hasher;
        this.codes = codes;
        this.accounts = accounts;
        this.secrets = secrets;
        this.generations = generations;
        this.deviceLists = deviceLists;
        this.wsManager = wsManager;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    Mono<VerificationResponse> verify(VerificationRequest request) {
        return Mono.defer(() -> {
            String e164 = phoneNumbers.toE164(request.phoneNumber(), request.region());
            return codes.check(e164, hasher.hash(e164, request.code()), clock.instant())
                    .doOnNext(this::count)
                    .doOnNext(result -> CodeAttempts.requireAccepted(result, properties.maxAttempts()))
                    .flatMap(accepted -> register(e164, request.deviceName()));
        });
    }

    private Mono<VerificationResponse> register(String e164, String deviceName) {
        String secret = secrets.generate();
        String name = deviceName == null || deviceName.isBlank() ? null : deviceName.strip();
        return accounts.registerPrimaryDevice(e164, name, secrets.hash(secret))
                .flatMap(registration -> generations
                        .raiseTo(registration.userId(), registration.deviceId(), registration.generation())
                        .then(registration.addedDevice() ? deviceLists.changed(registration.userId()) : Mono.empty())
                        .then(signOutReplaced(registration))
                        .thenReturn(registration))
                .doOnNext(registration -> meters.counter(RegistrationMetrics.VERIFICATIONS, RegistrationMetrics.OUTCOME,
                        registration.newAccount() ? "new_account" : "re_registered").increment())
                .map(registration -> new VerificationResponse(registration.userId().toString(),
                        registration.deviceId(), secret, registration.newAccount()));
    }

    private Mono<Void> signOutReplaced(PrimaryDeviceRegistration registration) {
        return registration.replacedDevice()
                ? wsManager.disconnect(registration.userId(), registration.deviceId())
                : Mono.empty();
    }

    private void count(CodeAttempts.Result result) {
        String outcome = switch (result.status()) {
            case CodeAttempts.WRONG -> "wrong";
            case CodeAttempts.BURNT -> "burnt";
            case CodeAttempts.EXPIRED -> "expired";
            default -> null;
        };
        if (outcome != null) {
            meters.counter(RegistrationMetrics.VERIFICATIONS, RegistrationMetrics.OUTCOME, outcome).increment();
        }
    }
}
