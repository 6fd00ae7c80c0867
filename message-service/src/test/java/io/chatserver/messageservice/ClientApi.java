package io.chatserver.messageservice;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** message-service's public REST API as an app calls it: JSON, with the device's access token. */
final class ClientApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, String body) {

        <B extends Message.Builder> B into(B builder) {
            assertThat(status).as("status of a success; body %s", body).isEqualTo(200);
            try {
                JsonFormat.parser().merge(body, builder);
                return builder;
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("not a " + builder.getDescriptorForType().getName() + ": " + body, e);
            }
        }

        /** Asserts an RFC 9457 problem with this status and numeric code. */
        @SuppressWarnings("unchecked")
        void isProblem(int expectedStatus, int expectedCode) {
            assertThat(status).as("status; body %s", body).isEqualTo(expectedStatus);
            Map<String, Object> problem = JSON.readValue(body, Map.class);
            assertThat(problem.get("code")).as("code of %s", problem).isEqualTo(expectedCode);
        }
    }

    private final URI base;

    ClientApi(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    Reply get(String pathAndQuery, String token) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET(), token);
    }

    Reply post(String path, String json, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    private static Reply send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            // Named, so that a rare timeout in CI says which request and when (CI keeps only the summary).
            throw new IllegalStateException(built.method() + " " + built.uri() + " at " + Instant.now(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
