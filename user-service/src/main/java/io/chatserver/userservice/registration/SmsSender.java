package io.chatserver.userservice.registration;

import reactor.core.publisher.Mono;

/** Delivers a registration code by SMS; a real gateway adapter replaces the logging one in production. */
interface SmsSender {

    Mono<Void> sendCode(String e164, String code);
}
