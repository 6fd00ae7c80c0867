package io.chatserver.assetservice.asset;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** asset-service's API as an app calls it, and the presigned S3 URLs it hands out, over real HTTP/1.1. */
final class AssetApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, byte[] bytes, HttpResponse<byte[]> response) {

        JsonNode json() {
            return JSON.readTree(bytes);
        }

        JsonNode ok() {
            assertThat(status).as("status; body %s", new String(bytes)).isBetween(200, 201);
            return json();
        }

        void isProblem(int expectedStatus, int expectedCode) {
            assertThat(status).as("status; body %s", new String(bytes)).isEqualTo(expectedStatus);
            assertThat(json().get("code").asInt()).as("code of %s", new String(bytes)).isEqualTo(expectedCode);
        }
    }

    private final URI base;
    private final String token;

    AssetApi(int port, String token) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.token = token;
    }

    AssetApi as(String otherToken) {
        return new AssetApi(base.getPort(), otherToken);
    }

    Reply announce(String kind, String contentType, byte[] file) {
        return announce("{\"kind\":\"" + kind + "\",\"contentType\":\"" + contentType + "\",\"size\":" + file.length
                + ",\"sha256\":\"" + sha256(file) + "\"}");
    }

    Reply announce(String json) {
        return send(authorized("/v1/assets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply get(String assetId) {
        return send(authorized("/v1/assets/" + assetId).GET());
    }

    Reply putContent(String assetId, byte[] bytes) {
        return send(authorized("/v1/assets/" + assetId + "/content").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    Reply complete(String assetId) {
        return send(authorized("/v1/assets/" + assetId + "/complete").POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** message-service's call before it stores a message with attachments (no token: internal). */
    Reply grant(String senderUserId, List<String> recipients, String assetId, boolean viewOnce) {
        return grant("{\"senderUserId\":\"" + senderUserId + "\",\"recipientUserIds\":["
                + String.join(",", recipients.stream().map(r -> "\"" + r + "\"").toList())
                + "],\"assets\":[{\"assetId\":\"" + assetId + "\",\"viewOnce\":" + viewOnce + "}]}");
    }

    Reply grant(String json) {
        return send(HttpRequest.newBuilder(base.resolve("/internal/v1/grants")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply profilePhoto(String assetId) {
        return send(authorized("/v1/profile-photos/" + assetId).GET());
    }

    /** user-service's calls when a profile photo is set and when it is replaced or removed (internal). */
    Reply usePhoto(String ownerUserId, String assetId) {
        return send(HttpRequest.newBuilder(base.resolve("/internal/v1/profile-photos")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"ownerUserId\":\"" + ownerUserId + "\",\"assetId\":\"" + assetId + "\"}")));
    }

    Reply releasePhoto(String ownerUserId, String assetId) {
        return send(HttpRequest.newBuilder(base.resolve("/internal/v1/profile-photos/" + assetId + "?ownerUserId="
                + ownerUserId)).timeout(Duration.ofSeconds(30)).DELETE());
    }

    private HttpRequest.Builder authorized(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** A presigned URL, as an app uses it: no token, no signing of its own. */
    static Reply putTo(String url, byte[] bytes) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    static Reply getFrom(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET());
    }

    /**
     * Every call here is safe to make twice (announcing the same bytes is the same asset). A call
     * that gets no answer in 30 s is made once more after a dump of this JVM's threads (the service
     * runs in it): CI saw one announce hang once in about ten runs, never reproduced by hand, and the
     * dump is what tells where it hung. A second timeout fails the test.
     */
    private static Reply send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return attempt(built);
        } catch (HttpTimeoutException first) {
            dumpThreads(built);
            try {
                return attempt(built);
            } catch (IOException e) {
                throw new UncheckedIOException(built.method() + " " + built.uri() + ", twice", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri(), e);
        }
    }

    private static Reply attempt(HttpRequest built) throws IOException {
        try {
            HttpResponse<byte[]> response = HTTP.send(built, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void dumpThreads(HttpRequest built) {
        StringBuilder dump = new StringBuilder("Threads when " + built.method() + " " + built.uri() + " timed out:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        System.err.println(dump);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
