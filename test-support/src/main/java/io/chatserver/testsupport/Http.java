package io.chatserver.testsupport;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON-over-HTTP client for black-box calls to the services' REST APIs. */
public final class Http {

    /**
     * A response: its status and its JSON object body (empty when the body is not a JSON object).
     */
    public record Response(int status, Map<String, Object> body) {

        /** The field's value as text ("null" when absent). */
        public String text(String field) {
            return String.valueOf(body.get(field));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** POSTs {@code body} as JSON. */
    public static Response post(URI uri, Object body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /**
     * Any method with a JSON body (none when {@code body} is null) and a bearer token (none when
     * {@code bearerToken} is null), e.g. {@code PUT} or {@code DELETE} on a REST resource.
     */
    public static Response request(String method, URI uri, Object body, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    /** GETs a JSON object, with a bearer token unless {@code bearerToken} is null. */
    public static Response get(URI uri, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    /** GETs the body as text, whatever its status and type. */
    public static String getRaw(URI uri) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            Map<String, Object> body = text == null || text.isBlank() || !text.trim().startsWith("{")
                    ? Map.of() : JSON.readValue(text, Map.class);
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(request.build().method() + " " + request.build().uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
