package io.chatserver.platform.security;

import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Verifies an access token: signature and standard claims through Spring Security's decoder, then
 * the device generation against Redis so a re-registered phone's old tokens stop working at once.
 */
public final class AccessTokenVerifier {

    private final ReactiveJwtDecoder decoder;
    private final DeviceGenerations generations;

    public AccessTokenVerifier(ReactiveJwtDecoder decoder, DeviceGenerations generations) {
        this.decoder = decoder;
        this.generations = generations;
    }

    /** Emits the device, or fails with an {@link AccessTokenException} naming the reason. */
    public Mono<AuthenticatedDevice> verify(String token) {
        if (token == null || token.isBlank()) {
            return Mono.error(new AccessTokenException(ErrorCode.AUTH_TOKEN_MISSING, "no access token"));
        }
        return decoder.decode(token)
                .onErrorMap(JwtException.class, AccessTokenVerifier::classify)
                .map(AccessTokenVerifier::device)
                .flatMap(this::rejectIfRevoked);
    }

    private Mono<AuthenticatedDevice> rejectIfRevoked(AuthenticatedDevice device) {
        return generations.current(device.userId(), device.deviceId())
                .flatMap(current -> device.generation() < current
                        ? Mono.<AuthenticatedDevice>error(new AccessTokenException(ErrorCode.AUTH_TOKEN_REVOKED,
                                "token generation " + device.generation() + " was revoked"))
                        : Mono.just(device))
                .defaultIfEmpty(device);
    }

    static AuthenticatedDevice device(Jwt jwt) {
        try {
            UUID userId = UUID.fromString(jwt.getSubject());
            Number deviceId = jwt.getClaim(AccessTokenClaims.DEVICE_ID);
            Number generation = jwt.getClaim(AccessTokenClaims.GENERATION);
            if (deviceId == null || generation == null || deviceId.intValue() < 1) {
                throw new AccessTokenException(ErrorCode.AUTH_TOKEN_INVALID, "token lacks device claims");
            }
            return new AuthenticatedDevice(userId, deviceId.intValue(), generation.longValue());
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new AccessTokenException(ErrorCode.AUTH_TOKEN_INVALID, "token claims are malformed", e);
        }
    }

    static AccessTokenException classify(JwtException e) {
        if (e instanceof JwtValidationException invalid && invalid.getErrors().stream()
                .map(OAuth2Error::getDescription)
                .anyMatch(description -> description != null && description.startsWith("Jwt expired"))) {
            return new AccessTokenException(ErrorCode.AUTH_TOKEN_EXPIRED, "token expired", e);
        }
        return new AccessTokenException(ErrorCode.AUTH_TOKEN_INVALID, "token rejected: " + e.getMessage(), e);
    }
}
