package io.chatserver.userservice.registration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** Local stand-in for an SMS gateway: the code appears in the service log. */
final class LoggingSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsSender.class);

    @Override
    public Mono<Void> sendCode(String e164, String code) {
        return Mono.fromRunnable(() -> log.info("SMS to {}: your chatserver code is {}", e164, code));
    }
}
