package io.chatserver.loadtest.users;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Creates the users of a run. {@link #register} goes through user-service's public API, as apps
 * do (code request, verification, token), reading each SMS code from the test hook; {@link #seed}
 * creates ready accounts in batches through the seeding hook, for runs of tens of thousands. Both
 * hooks exist only when user-service runs with them enabled, as the {@code local} profile of
 * {@code ./chat up} does.
 */
public final class Registrar {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final int ATTEMPTS = 5;
    /** Accounts per seeding request (user-service takes up to 1,000). */
    static final int SEED_BATCH = 500;
    /** Seeding requests at once: each keeps user-service busy signing tokens. */
    private static final int SEED_PARALLEL = 2;

    private final URI userService;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Numbers of this run, random and never twice. Random rather than consecutive: sign-ups of
     * neighbouring numbers at the same moment contend for the same InnoDB gap lock in user-service.
     */
    private final Set<Long> taken = ConcurrentHashMap.newKeySet();

    public Registrar(URI userService) {
        this.userService = userService;
    }

    /** {@code count} new users, {@code parallel} registrations at a time. */
    public List<LoadUser> register(int count, int parallel) {
        Semaphore slots = new Semaphore(parallel);
        List<CompletableFuture<LoadUser>> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.acquireUninterruptibly();
            users.add(registerOne().whenComplete((user, error) -> slots.release()));
        }
        return users.stream().map(CompletableFuture::join).toList();
    }

    /**
     * {@code count} ready accounts through {@code POST /v1/test-hooks/users}, {@link #SEED_BATCH}
     * per request. Numbers an earlier run took are skipped by user-service and replaced here, and so
     * are the accounts of a batch the server failed (5xx), at most {@link #ATTEMPTS} rounds in all.
     */
    public List<LoadUser> seed(int count) {
        List<LoadUser> users = new ArrayList<>(count);
        for (int round = 0; users.size() < count; round++) {
            if (round == ATTEMPTS) {
                throw new IllegalStateException(ATTEMPTS + " seeding rounds did not give " + count + " new accounts");
            }
            int missing = count - users.size();
            Semaphore slots = new Semaphore(SEED_PARALLEL);
            List<CompletableFuture<List<LoadUser>>> batches = new ArrayList<>();
            for (int start = 0; start < missing; start += SEED_BATCH) {
                List<String> numbers = Stream.generate(this::freshPhone)
                        .limit(Math.min(SEED_BATCH, missing - start)).toList();
                slots.acquireUninterruptibly();
                batches.add(seedBatch(numbers).whenComplete((batch, error) -> slots.release()));
            }
            batches.forEach(batch -> users.addAll(batch.join()));
        }
        return users;
    }

    private CompletableFuture<List<LoadUser>> seedBatch(List<String> numbers) {
        return post("/v1/test-hooks/users", Map.of("phoneNumbers", numbers), 201).thenApply(body -> {
            List<LoadUser> users = new ArrayList<>();
            body.get("users").forEach(user -> users.add(new LoadUser(user.get("userId").asString(),
                    user.get("deviceId").asInt(), user.get("accessToken").asString())));
            return users;
        }).exceptionally(error -> {
            if (String.valueOf(error.getMessage()).contains("answered 404")) {
                throw new IllegalStateException("user-service has no seeding hook: start it with "
                        + "chat.registration.seeding-enabled=true (the local profile of ./chat up does), "
                        + "or register through the API (--accounts=api)", error);
            }
            if (String.valueOf(error.getMessage()).contains("answered 5")) {
                // A busy server (a Redis timeout under a connect storm): the round comes short, the next makes up.
                System.err.println("load: a seeding batch failed, its accounts are made again: " + error.getMessage());
                return List.of();
            }
            throw error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
        });
    }

    /**
     * A number an earlier run registered is an existing account (its inbox may hold that run's
     * messages, and re-registering signs its old device out): then another number is tried.
     */
    private CompletableFuture<LoadUser> registerOne() {
        return registerNew(freshNumber(), ATTEMPTS);
    }

    private long freshNumber() {
        long number;
        do {
            number = ThreadLocalRandom.current().nextLong(100_000_000L);
        } while (!taken.add(number));
        return number;
    }

    private String freshPhone() {
        return phone(freshNumber());
    }

    private static String phone(long number) {
        return String.format("+49151%08d", number % 100_000_000L);
    }

    private CompletableFuture<LoadUser> registerNew(long number, int attemptsLeft) {
        return register(phone(number))
                .thenCompose(user -> {
                    if (user != null) {
                        return CompletableFuture.completedFuture(user);
                    }
                    if (attemptsLeft <= 1) {
                        throw new IllegalStateException(ATTEMPTS + " numbers in a row were taken by earlier runs");
                    }
                    return registerNew(freshNumber(), attemptsLeft - 1);
                });
    }

    /** The new user, or null when the number already had an account. */
    private CompletableFuture<LoadUser> register(String phone) {
        return post("/v1/registration/codes", Map.of("phoneNumber", phone), 202)
                .thenCompose(requested -> get("/v1/test-hooks/sms/latest?phoneNumber="
                        + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
                .thenCompose(sms -> post("/v1/registration/verifications",
                        Map.of("phoneNumber", phone, "code", sms.get("code").asString()), 201))
                .thenCompose(device -> !device.get("newAccount").asBoolean() ? CompletableFuture.completedFuture(null)
                        : post("/v1/auth/tokens", Map.of(
                                "userId", device.get("userId").asString(),
                                "deviceId", device.get("deviceId").asInt(),
                                "deviceSecret", device.get("deviceSecret").asString()), 200)
                        .thenApply(token -> new LoadUser(device.get("userId").asString(),
                                device.get("deviceId").asInt(), token.get("accessToken").asString())));
    }

    private CompletableFuture<JsonNode> post(String path, Map<String, Object> body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(userService.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return exchange(request, expected);
    }

    private CompletableFuture<JsonNode> get(String pathAndQuery) {
        return exchange(HttpRequest.newBuilder(userService.resolve(pathAndQuery)).timeout(TIMEOUT).GET().build(), 200);
    }

    private CompletableFuture<JsonNode> exchange(HttpRequest request, int expected) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        });
    }
}
