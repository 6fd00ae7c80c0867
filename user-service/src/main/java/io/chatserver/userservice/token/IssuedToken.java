package io.chatserver.userservice.token;

import java.time.Duration;

/** A signed access token and how long it lives. */
public record IssuedToken(String value, Duration ttl) {
}
