package io.chatserver.testsupport;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Access tokens signed by a throwaway RSA key, shaped like user-service's (iss/aud "chatserver",
 * sub = user id, did = device id, gen = generation), for tests of services that only verify tokens.
 */
public final class TestTokens {

    public static final String ISSUER = "chatserver";
    public static final String AUDIENCE = "chatserver";

    private static final String KEY_ID = "test-key";

    private final KeyPair keys;
    private final NimbusJwtEncoder encoder;

    private TestTokens(KeyPair keys) {
        this.keys = keys;
        this.encoder = NimbusJwtEncoder.withKeyPair((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate())
                .jwkPostProcessor(jwk -> jwk.keyID(KEY_ID))
                .build();
    }

    public static TestTokens withNewKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestTokens(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    /** A token valid for ten minutes from now. */
    public String valid(UUID userId, int deviceId, long generation) {
        Instant now = Instant.now();
        return mint(userId, deviceId, generation, now, now.plus(Duration.ofMinutes(10)), AUDIENCE);
    }

    /** A token whose lifetime ended an hour ago. */
    public String expired(UUID userId, int deviceId, long generation) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return mint(userId, deviceId, generation, past, past.plus(Duration.ofHours(1)), AUDIENCE);
    }

    public String mint(UUID userId, int deviceId, long generation, Instant issuedAt, Instant expiresAt, String audience) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(audience))
                .subject(userId.toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim("did", deviceId)
                .claim("gen", generation)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(KEY_ID).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
