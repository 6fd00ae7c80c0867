package io.chatserver.userservice.lookup;

import io.chatserver.testsupport.PhoneNumbers;
import io.chatserver.userservice.IntegrationTest;
import io.chatserver.userservice.UserApi;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chatserver.userservice.UserApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/** The internal lookup group-service asks before adding members; it needs no access token. */
class UserLookupIT extends IntegrationTest {

    @Test
    void answersTheAccountsAmongTheIdsInTheOrderAskedEachOnce() {
        UserApi.Device first = api.register(PhoneNumbers.randomMobile());
        UserApi.Device second = api.register(PhoneNumbers.randomMobile());
        String unknown = UUID.randomUUID().toString();

        @SuppressWarnings("unchecked")
        Map<String, Object> body = lookup(Map.of("userIds", List.of(second.userId(), unknown, first.userId(), second.userId())))
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(body).containsOnlyKeys("existing");
        assertThat(body.get("existing")).asInstanceOf(LIST).containsExactly(second.userId(), first.userId());
    }

    @Test
    void anEmptyOrOversizedListOrABadIdIsRefusedWith1002() {
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        expectProblem(lookup(Map.of("userIds", List.of())), HttpStatus.BAD_REQUEST, 1002);
        expectProblem(lookup(Map.of("userIds", tooMany)), HttpStatus.BAD_REQUEST, 1002);
        expectProblem(lookup(Map.of()), HttpStatus.BAD_REQUEST, 1002);
    }

    @Test
    void anIdThatIsNoUuidIsAnUnreadableBody() {
        expectProblem(lookup(Map.of("userIds", List.of("not-a-uuid"))), HttpStatus.BAD_REQUEST, 1001);
    }

    private WebTestClient.ResponseSpec lookup(Object body) {
        return client.post().uri("/internal/v1/users/lookup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }
}
