package io.chatserver.userservice.auth;

import com.nimbusds.jwt.SignedJWT;
import io.chatserver.testsupport.PhoneNumbers;
import io.chatserver.testsupport.TestTokens;
import io.chatserver.userservice.IntegrationTest;
import io.chatserver.userservice.UserApi;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.chatserver.userservice.UserApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class TokenIT extends IntegrationTest {

    @Test
    void theRightSecretYieldsABearerTokenForTheDevice() throws Exception {
        UserApi.Device device = api.register(PhoneNumbers.randomMobile());
        Map<String, Object> body = api.token(device.userId(), 1, device.deviceSecret()).expectStatus().isOk()
                .expectBody(UserApi.JSON).returnResult().getResponseBody();
        assertThat(body).containsEntry("tokenType", "Bearer").containsEntry("expiresInSeconds", 600);
        var claims = SignedJWT.parse((String) body.get("accessToken")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(device.userId());
        assertThat(claims.getLongClaim("did")).isEqualTo(1L);
        assertThat(claims.getLongClaim("gen")).isEqualTo(1L);
    }

    @Test
    void aWrongSecretAndAnUnknownUserGetTheSameAnswer() {
        UserApi.Device device = api.register(PhoneNumbers.randomMobile());
        String wrongSecret = device.deviceSecret().substring(1) + "A";
        var wrong = expectProblem(api.token(device.userId(), 1, wrongSecret), HttpStatus.UNAUTHORIZED, 1205)
                .returnResult().getResponseBody();
        var unknown = expectProblem(api.token(UUID.randomUUID().toString(), 1, device.deviceSecret()),
                HttpStatus.UNAUTHORIZED, 1205).returnResult().getResponseBody();
        expectProblem(api.token(device.userId(), 2, device.deviceSecret()), HttpStatus.UNAUTHORIZED, 1205);
        assertThat(wrong).isEqualTo(unknown);
    }

    @Test
    void tooManyWrongSecretsLockTheDeviceOutForAWhile() {
        UserApi.Device device = api.register(PhoneNumbers.randomMobile());
        for (int i = 0; i < 10; i++) {
            expectProblem(api.token(device.userId(), 1, "wrong-secret"), HttpStatus.UNAUTHORIZED, 1205);
        }
        expectProblem(api.token(device.userId(), 1, device.deviceSecret()), HttpStatus.TOO_MANY_REQUESTS, 1006);
        clock.advance(Duration.ofMinutes(15));
        api.accessToken(device);
    }

    @Test
    void aTokenSignedByAnotherKeyIsInvalid() {
        UserApi.Device device = api.register(PhoneNumbers.randomMobile());
        String forged = TestTokens.withNewKey().valid(UUID.fromString(device.userId()), 1, 1);
        expectProblem(api.myProfile(forged), HttpStatus.UNAUTHORIZED, 1202);
    }

    @Test
    void aTamperedTokenIsInvalid() {
        UserApi.Device device = api.register(PhoneNumbers.randomMobile());
        UserApi.Device other = api.register(PhoneNumbers.randomMobile());
        String token = api.accessToken(device);
        String[] parts = token.split("\\.");
        // Same header and signature, someone else's claims.
        String otherClaims = api.accessToken(other).split("\\.")[1];
        expectProblem(api.myProfile(parts[0] + "." + otherClaims + "." + parts[2]), HttpStatus.UNAUTHORIZED, 1202);
        expectProblem(api.myProfile(token.substring(0, token.length() - 4) + "AAAA"), HttpStatus.UNAUTHORIZED, 1202);
        expectProblem(api.myProfile("not-a-jwt"), HttpStatus.UNAUTHORIZED, 1202);
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        String token = api.accessToken(api.register(PhoneNumbers.randomMobile()));
        api.myProfile(token).expectStatus().isOk();
        clock.advance(Duration.ofMinutes(11));
        expectProblem(api.myProfile(token), HttpStatus.UNAUTHORIZED, 1203);
    }

    @Test
    void profilesNeedAToken() {
        expectProblem(client.get().uri("/v1/profiles/me").exchange(), HttpStatus.UNAUTHORIZED, 1201);
    }

}
