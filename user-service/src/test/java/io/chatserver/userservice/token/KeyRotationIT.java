package io.chatserver.userservice.token;

import com.nimbusds.jwt.SignedJWT;
import io.chatserver.testsupport.PhoneNumbers;
import io.chatserver.userservice.IntegrationTest;
import io.chatserver.userservice.UserApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.chatserver.userservice.UserApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class KeyRotationIT extends IntegrationTest {

    private static final Duration TOKEN_TTL = Duration.ofMinutes(10);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    @Autowired
    private SigningKeyMaintenance maintenance;

    @Test
    void jwksPublishesTheSigningKeyWithoutPrivateParts() throws ParseException {
        String token = api.accessToken(api.register(PhoneNumbers.randomMobile()));
        List<Map<String, Object>> keys = jwks();
        assertThat(keys).extracting(key -> key.get("kid")).contains(kid(token));
        assertThat(keys).allSatisfy(key -> assertThat(key)
                .containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig")
                .containsKeys("n", "e").doesNotContainKeys("d", "p", "q", "dp", "dq", "qi"));
    }

    @Test
    void afterARotationOldTokensStayValidUntilTheyExpire() throws ParseException {
        UserApi.Device device = api.register(PhoneNumbers.randomMobile());
        String oldToken = api.accessToken(device);
        String oldKid = kid(oldToken);

        SigningKey next = maintenance.rotateNow().block(Duration.ofSeconds(30));
        assertThat(next).isNotNull();
        // Published before it signs, so verifiers learn it in time.
        assertThat(jwks()).extracting(key -> key.get("kid")).contains(oldKid, next.kid());
        assertThat(kid(api.accessToken(device))).isEqualTo(oldKid);

        advanceTo(next.activatesAt().plusMillis(1));
        String newToken = api.accessToken(device);
        assertThat(kid(newToken)).isEqualTo(next.kid());
        api.myProfile(oldToken).expectStatus().isOk();
        api.myProfile(newToken).expectStatus().isOk();
        assertThat(jwks()).extracting(key -> key.get("kid")).contains(oldKid, next.kid());

        // Its tokens expire on their own while the old key is still published...
        Instant oldExpiry = SignedJWT.parse(oldToken).getJWTClaimsSet().getExpirationTime().toInstant();
        advanceTo(oldExpiry.plus(CLOCK_SKEW).plusSeconds(1));
        expectProblem(api.myProfile(oldToken), HttpStatus.UNAUTHORIZED, 1203);
        assertThat(jwks()).extracting(key -> key.get("kid")).contains(oldKid);
        // ...and the key goes once every token it can have signed has expired.
        advanceTo(next.activatesAt().plus(TOKEN_TTL).plus(CLOCK_SKEW));
        assertThat(jwks()).extracting(key -> key.get("kid")).doesNotContain(oldKid).contains(next.kid());
    }

    @Test
    void aCheckBeforeTheRotationIsDueCreatesNoKey() {
        assertThat(maintenance.check().block(Duration.ofSeconds(30))).isFalse();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> jwks() {
        Map<String, Object> body = client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk().expectBody(UserApi.JSON).returnResult().getResponseBody();
        return (List<Map<String, Object>>) body.get("keys");
    }

    private void advanceTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    private static String kid(String token) throws ParseException {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }
}
