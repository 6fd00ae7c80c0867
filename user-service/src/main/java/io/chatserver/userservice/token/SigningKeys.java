package io.chatserver.userservice.token;

import com.nimbusds.jose.jwk.JWK;
import io.chatserver.platform.security.ChatSecurityProperties;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This replica's view of the signing keys: loaded from the store and refreshed periodically, so
 * signing and verifying never wait for the database. Which key signs is decided at each use with
 * the clock, so a pre-published key takes over on time without a reload.
 */
final class SigningKeys {

    private final SigningKeyStore store;
    private final Clock clock;
    /** Tokens a key signed can be presented this long after the key stopped signing. */
    private final Duration tokenLifetime;
    private final AtomicReference<List<SigningKey>> keys = new AtomicReference<>(List.of());

    SigningKeys(SigningKeyStore store, TokenProperties tokens, ChatSecurityProperties security, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.tokenLifetime = tokens.ttl().plus(security.clockSkew());
    }

    Mono<Void> refresh() {
        return store.loadAll().doOnNext(this::use).then();
    }

    /** Replaces the keys this replica knows (after a reload; tests give their own). */
    void use(List<SigningKey> loaded) {
        keys.set(List.copyOf(loaded));
    }

    SigningKey current() {
        return KeySchedule.current(keys.get(), clock.instant())
                .orElseThrow(() -> new IllegalStateException("no signing key loaded"));
    }

    /** Every loaded key pair; the signer selects the one a token header names. */
    List<JWK> signingJwks() {
        return keys.get().stream().map(key -> (JWK) key.jwk()).toList();
    }

    /** Public parts of the keys verifiers need now. */
    List<JWK> published() {
        return KeySchedule.published(keys.get(), clock.instant(), tokenLifetime).stream()
                .map(key -> (JWK) key.jwk().toPublicJWK())
                .toList();
    }
}
