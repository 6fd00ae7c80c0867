package io.chatserver.wshandler.messaging;

import org.springframework.stereotype.Component;

import java.time.Clock;

/** Per-connection (so per-device) limit on SendMessage frames. */
@Component
final class SendRateLimit extends ConnectionRateLimit {

    SendRateLimit(MessagingProperties properties, Clock clock) {
        super(properties.sendRatePerSecond(), properties.sendBurst(), clock);
    }
}
