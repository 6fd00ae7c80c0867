package io.chatserver.groupservice;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** group-service's REST API as a client calls it, with a user's access token. */
final class GroupApi {

    private final WebTestClient client;

    GroupApi(int port) {
        this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    WebTestClient.ResponseSpec get(String token, String path, Object... vars) {
        return client.get().uri(path, vars).headers(h -> h.setBearerAuth(token)).exchange();
    }

    WebTestClient.ResponseSpec post(String token, Object body, String path, Object... vars) {
        return client.post().uri(path, vars).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** A request without a body. */
    WebTestClient.ResponseSpec call(String method, String token, String path, Object... vars) {
        return client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path, vars)
                .headers(h -> h.setBearerAuth(token)).exchange();
    }

    WebTestClient.ResponseSpec patch(String token, Object body, String path, Object... vars) {
        return client.patch().uri(path, vars).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec put(String token, Object body, String path, Object... vars) {
        return client.put().uri(path, vars).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec delete(String token, String path, Object... vars) {
        return client.delete().uri(path, vars).headers(h -> h.setBearerAuth(token)).exchange();
    }

    WebTestClient.ResponseSpec internal(String path, Object... vars) {
        return client.get().uri(path, vars).exchange();
    }

    /** Creates a group and answers its id. */
    String create(String token, String subject, List<String> members) {
        Map<String, Object> group = body(post(token, Map.of("subject", subject, "members", members), "/v1/groups"), 201);
        return (String) group.get("groupId");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }

    /** A numbered problem (RFC 9457) with this status and code. */
    static void problem(WebTestClient.ResponseSpec response, int status, int code) {
        Map<String, Object> problem = body(response, status);
        assertThat(problem).as("problem %s", problem).containsEntry("code", code).containsEntry("status", status);
    }

    @SuppressWarnings("unchecked")
    static List<String> memberIds(Map<String, Object> group) {
        return ((List<Map<String, Object>>) group.get("members")).stream().map(m -> (String) m.get("userId")).toList();
    }

    @SuppressWarnings("unchecked")
    static String roleOf(Map<String, Object> group, String userId) {
        return ((List<Map<String, Object>>) group.get("members")).stream()
                .filter(m -> userId.equals(m.get("userId"))).map(m -> (String) m.get("role")).findFirst().orElse(null);
    }
}
