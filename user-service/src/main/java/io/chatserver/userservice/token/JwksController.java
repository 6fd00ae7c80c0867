package io.chatserver.userservice.token;

import com.nimbusds.jose.jwk.JWKSet;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;

/** The public keys that verify access tokens, for every service's resource-server decoder. */
@RestController
final class JwksController {

    /** Short: a pre-published key must reach caches well within the publish lead. */
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic();

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        // toJSONObject() writes public parameters only; private exponents never leave the service.
        return ResponseEntity.ok().cacheControl(CACHE).body(new JWKSet(keys.published()).toJSONObject());
    }
}
