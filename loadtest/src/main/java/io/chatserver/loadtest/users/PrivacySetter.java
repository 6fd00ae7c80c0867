package io.chatserver.loadtest.users;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Sets users' presence privacy through lastseen-service's REST API, as each user's app does. */
public final class PrivacySetter {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI lastseenService;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PrivacySetter(URI lastseenService) {
        this.lastseenService = lastseenService;
    }

    /** Every user's visibility, parallel requests at once; fails the run on the first refusal. */
    public void set(List<LoadUser> users, String visibility, int parallel) {
        Semaphore slots = new Semaphore(parallel);
        List<CompletableFuture<Void>> calls = users.stream().map(user -> {
            slots.acquireUninterruptibly();
            HttpRequest request = HttpRequest.newBuilder(lastseenService.resolve("/v1/presence/settings")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + user.accessToken())
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"visibility\":\"" + visibility + "\"}")).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> slots.release())
                    .thenAccept(response -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("PUT /v1/presence/settings answered "
                                    + response.statusCode() + ": " + response.body());
                        }
                    });
        }).toList();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    }
}
