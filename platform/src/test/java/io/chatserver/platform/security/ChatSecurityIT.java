package io.chatserver.platform.security;

import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The resource-server chain every service gets, against the real Redis of the local stack. */
@RequiresLocalStack(LocalStack.REDIS)
@SpringBootTest(classes = ChatSecurityIT.TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=platform-it")
@AutoConfigureWebTestClient
class ChatSecurityIT {

    static final TestTokens TOKENS = TestTokens.withNewKey();

    @Autowired
    WebTestClient http;

    @Autowired
    DeviceGenerations generations;

    @Test
    void aValidTokenReachesTheControllerAsTheDevice() {
        UUID user = UUID.randomUUID();

        http.get().uri("/whoami").headers(h -> h.setBearerAuth(TOKENS.valid(user, 3, 1)))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(user + "/3/1");
    }

    @Test
    void noTokenIsRefusedWithCode1201() {
        expectProblem(http.get().uri("/whoami").exchange(), 1201);
    }

    @Test
    void garbageAndForgedTokensAreRefusedWithCode1202() {
        String forged = TestTokens.withNewKey().valid(UUID.randomUUID(), 1, 1);
        expectProblem(http.get().uri("/whoami").headers(h -> h.setBearerAuth("not.a.jwt")).exchange(), 1202);
        expectProblem(http.get().uri("/whoami").headers(h -> h.setBearerAuth(forged)).exchange(), 1202);
        expectProblem(http.get().uri("/whoami").header("Authorization", "Bearer !!!").exchange(), 1202);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        Instant now = Instant.now();
        String other = TOKENS.mint(UUID.randomUUID(), 1, 1, now, now.plusSeconds(600), "someone-else");

        expectProblem(http.get().uri("/whoami").headers(h -> h.setBearerAuth(other)).exchange(), 1202);
    }

    @Test
    void anExpiredTokenIsRefusedWithCode1203() {
        String expired = TOKENS.expired(UUID.randomUUID(), 1, 1);

        expectProblem(http.get().uri("/whoami").headers(h -> h.setBearerAuth(expired)).exchange(), 1203);
    }

    @Test
    void aTokenOfAnOlderGenerationIsRevokedWithCode1204() {
        UUID user = UUID.randomUUID();
        String old = TOKENS.valid(user, 1, 1);
        generations.raiseTo(user, 1, 2).block();

        expectProblem(http.get().uri("/whoami").headers(h -> h.setBearerAuth(old)).exchange(), 1204);
        http.get().uri("/whoami").headers(h -> h.setBearerAuth(TOKENS.valid(user, 1, 2)))
                .exchange().expectStatus().isOk();
    }

    @Test
    void generationsNeverMoveBackwards() {
        UUID user = UUID.randomUUID();
        generations.raiseTo(user, 1, 5).block();

        org.assertj.core.api.Assertions.assertThat(generations.raiseTo(user, 1, 3).block()).isEqualTo(5L);
        org.assertj.core.api.Assertions.assertThat(generations.current(user, 1).block()).isEqualTo(5L);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("application=\"platform-it\""));
    }

    private static void expectProblem(WebTestClient.ResponseSpec response, int code) {
        response.expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.status").isEqualTo(401);
    }

    @SpringBootApplication
    static class TestApp {

        @Bean
        ReactiveJwtDecoder testDecoder(ChatSecurityProperties properties, Clock clock) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(TOKENS.publicKey()).build();
            decoder.setJwtValidator(AccessTokenValidation.validator(properties, clock));
            return decoder;
        }

        @RestController
        static class WhoAmI {
            @GetMapping("/whoami")
            String whoami(@AuthenticationPrincipal AuthenticatedDevice device) {
                return device.userId() + "/" + device.deviceId() + "/" + device.generation();
            }
        }
    }
}
