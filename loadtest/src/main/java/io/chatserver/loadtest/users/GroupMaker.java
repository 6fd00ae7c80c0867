package io.chatserver.loadtest.users;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Makes groups through group-service's REST API, as an app does: the first user creates it with the rest. */
public final class GroupMaker {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI groupService;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GroupMaker(URI groupService) {
        this.groupService = groupService;
    }

    /** A group of these users (at most group-service's member limit); returns its id. */
    public String create(String subject, List<LoadUser> members) {
        LoadUser creator = members.get(0);
        Map<String, Object> body = Map.of("subject", subject,
                "members", members.subList(1, members.size()).stream().map(LoadUser::userId).toList());
        HttpRequest request = HttpRequest.newBuilder(groupService.resolve("/v1/groups")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + creator.accessToken())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST /v1/groups answered " + response.statusCode() + ": "
                        + response.body());
            }
            JsonNode group = JSON.readTree(response.body());
            return group.get("groupId").asString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("group-service at " + groupService + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
