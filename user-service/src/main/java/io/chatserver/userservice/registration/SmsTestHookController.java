package io.chatserver.userservice.registration;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Lets tests and the load tool read the code "sent by SMS". Exists only when
 * chat.registration.test-hook-enabled=true (local and test profiles); otherwise the path is a 404.
 */
@RestController
@ConditionalOnProperty(prefix = "chat.registration", name = "test-hook-enabled", havingValue = "true")
final class SmsTestHookController {

    private final SentCodes sentCodes;
    private final PhoneNumbers phoneNumbers;

    SmsTestHookController(SentCodes sentCodes, PhoneNumbers phoneNumbers) {
        this.sentCodes = sentCodes;
        this.phoneNumbers = phoneNumbers;
    }

    @GetMapping("/v1/test-hooks/sms/latest")
    Mono<SentCodes.SentCode> latest(@RequestParam String phoneNumber) {
        // An unencoded '+' in a query string arrives as a space; this hook is for tools, so be lenient.
        String number = phoneNumber.strip();
        String e164 = phoneNumbers.toE164(number.startsWith("+") ? number : "+" + number, null);
        return sentCodes.latest(e164)
                .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.NOT_FOUND, "no code sent to " + e164)));
    }
}
