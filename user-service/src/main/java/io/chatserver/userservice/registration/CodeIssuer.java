package io.chatserver.userservice.registration;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/** Sends a fresh code to a number when the cool-down and the rate limits allow it. */
final class CodeIssuer {

    private final PhoneNumbers phoneNumbers;
    private final CodeGenerator generator;
    private final CodeHasher hasher;
    private final CodeStore store;
    private final SmsSender sms;
    private final RegistrationProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    CodeIssuer(PhoneNumbers phoneNumbers, CodeGenerator generator, CodeHasher hasher, CodeStore store,
            SmsSender sms, RegistrationProperties properties, Clock clock, MeterRegistry meters) {
        this.phoneNumbers = phoneNumbers;
        this.generator = generator;
        this.hasher = hasher;
        this.store = store;
        this.sms = sms;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    Mono<CodeResponse> issue(CodeRequest request, String clientAddress) {
        return Mono.defer(() -> issueNow(request, clientAddress));
    }

    private Mono<CodeResponse> issueNow(CodeRequest request, String clientAddress) {
        String e164 = phoneNumbers.toE164(request.phoneNumber(), request.region());
        String code = generator.next();
        return store.issue(e164, clientAddress, hasher.hash(e164, code), clock.instant())
                .flatMap(result -> {
                    count(result.status());
                    return switch (result.status()) {
                        case STORED -> sms.sendCode(e164, code).thenReturn(new CodeResponse(e164,
                                properties.codeTtl().toSeconds(), properties.resendCooldown().toSeconds()));
                        case RESEND_TOO_SOON -> refuse(ErrorCode.REGISTRATION_RESEND_TOO_SOON,
                                "a code was sent to this number; ask again in " + seconds(result.retryAfter()) + " s");
                        case NUMBER_LIMITED -> refuse(ErrorCode.REGISTRATION_RATE_LIMITED,
                                "too many codes for this number; try again in " + seconds(result.retryAfter()) + " s");
                        case IP_LIMITED -> refuse(ErrorCode.REGISTRATION_RATE_LIMITED,
                                "too many codes from this address; try again in " + seconds(result.retryAfter()) + " s");
                    };
                });
    }

    private void count(CodeStore.IssueStatus status) {
        String outcome = switch (status) {
            case STORED -> "sent";
            case RESEND_TOO_SOON -> "resend_too_soon";
            case NUMBER_LIMITED -> "number_limited";
            case IP_LIMITED -> "ip_limited";
        };
        meters.counter(RegistrationMetrics.CODE_REQUESTS, RegistrationMetrics.OUTCOME, outcome).increment();
    }

    private static long seconds(Duration duration) {
        // Round up: "retry in 0 s" would invite an immediate, refused retry.
        return (duration.toMillis() + 999) / 1000;
    }

    private static <T> Mono<T> refuse(ErrorCode code, String detail) {
        return Mono.error(new ChatException(code, detail));
    }
}
