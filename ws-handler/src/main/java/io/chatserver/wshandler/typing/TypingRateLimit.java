package io.chatserver.wshandler.typing;

import io.chatserver.wshandler.messaging.ConnectionRateLimit;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Typing frames per connection: a client sends one when typing starts, again every few seconds,
 * and STOPPED; 2 a second with a burst of 5 leaves room for that across a few conversations.
 */
@Component
final class TypingRateLimit extends ConnectionRateLimit {

    TypingRateLimit(Clock clock) {
        super(2, 5, clock);
    }
}
