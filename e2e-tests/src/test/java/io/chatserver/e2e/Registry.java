package io.chatserver.e2e;

import io.chatserver.testsupport.Http;

import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Reads ws-manager's view of the Redis session registry through its internal API. */
final class Registry {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI wsManager;

    Registry(URI wsManager) {
        this.wsManager = wsManager;
    }

    /** The handler ids holding the user's devices (empty when the user is offline). */
    @SuppressWarnings("unchecked")
    List<String> handlersOf(String userId) {
        String body = Http.getRaw(wsManager.resolve("/internal/v1/users/" + userId + "/sessions"));
        List<Map<String, Object>> sessions = JSON.readValue(body, List.class);
        return sessions.stream().map(session -> String.valueOf(session.get("handlerId"))).toList();
    }
}
