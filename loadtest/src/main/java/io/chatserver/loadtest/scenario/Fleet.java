package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.client.Connector;
import io.chatserver.loadtest.client.FrameListener;
import io.chatserver.loadtest.users.LoadUser;
import io.chatserver.loadtest.users.Registrar;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Where the system is and how many handshakes at once: the options every scenario shares. */
final class Fleet {

    /** How long a user keeps trying to connect before the run fails. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    private final URI userService;
    private final List<URI> handlers;
    private final int parallel;
    private final boolean seeded;
    private final int firstSource;
    private final Environment environment;

    private Fleet(URI userService, List<URI> handlers, int parallel, boolean seeded, int firstSource,
            Environment environment) {
        this.userService = userService;
        this.handlers = handlers;
        this.parallel = parallel;
        this.seeded = seeded;
        this.firstSource = firstSource;
        this.environment = environment;
    }

    static Fleet of(Options options, Environment environment) {
        return of(options, environment, Environment.HANDLERS);
    }

    static Fleet of(Options options, Environment environment, String defaultHandlers) {
        return new Fleet(options.loopbackUris("user-service", Environment.USER_SERVICE).get(0),
                options.loopbackUris("handlers", defaultHandlers),
                options.integer("parallel", 32, 1, 512), accounts(options),
                // Set by a coordinating load process for each of its workers (ConnectionsWorker).
                options.integer("first-source", 1, 1, 250), environment);
    }

    /** {@code --accounts=api} (default): registered as apps do; {@code seed}: the bulk hook, for big runs. */
    private static boolean accounts(Options options) {
        String accounts = options.text("accounts", "api");
        return switch (accounts) {
            case "api" -> false;
            case "seed" -> true;
            default -> throw new IllegalArgumentException("--accounts must be api or seed: " + accounts);
        };
    }

    /** Users only the bare relay accepts: random ids, the id as the token. */
    static List<LoadUser> madeUp(int count) {
        return java.util.stream.Stream.generate(() -> java.util.UUID.randomUUID().toString())
                .limit(count).map(id -> new LoadUser(id, 1, id)).toList();
    }

    /** This fleet's options for a worker process ({@link ConnectionsWorker}), its source addresses from firstSource on. */
    List<String> workerOptions(int firstSource) {
        return List.of("--user-service=" + userService,
                "--handlers=" + String.join(",", handlers.stream().map(URI::toString).toList()),
                "--parallel=" + parallel, "--accounts=" + (seeded ? "seed" : "api"), "--first-source=" + firstSource);
    }

    int handlers() {
        return handlers.size();
    }

    /**
     * How many of {@code count} connections (dealt out in turn) went to the handler of that name
     * ({@code ./chat up} names them by port: 8090 is ws-handler-1, 8091 ws-handler-2, ...); 0 for
     * a handler this run did not use.
     */
    long connectionsOn(String handlerName, int count) {
        for (int i = 0; i < handlers.size(); i++) {
            if (handlerName.equals("ws-handler-" + (handlers.get(i).getPort() - 8089))) {
                return count / handlers.size() + (i < count % handlers.size() ? 1 : 0);
            }
        }
        return 0;
    }

    /** The first numbers of a traffic run: how many users, over how many handlers, at what rate. */
    Map<String, Object> numbers(int users, int rate) {
        Map<String, Object> numbers = new java.util.LinkedHashMap<>();
        numbers.put("users", users);
        numbers.put("handlers", handlers.size());
        numbers.put("target rate (msg/s)", rate);
        return numbers;
    }

    /**
     * Registers {@code count} users (or seeds them, with {@code --accounts=seed}); records how long
     * it took under "registering LABEL (s)".
     */
    List<LoadUser> register(int count, String label, Map<String, Object> numbers) {
        long started = System.nanoTime();
        Registrar registrar = new Registrar(userService);
        List<LoadUser> users = seeded ? registrar.seed(count) : registrar.register(count, parallel);
        double seconds = (System.nanoTime() - started) / 1e9;
        numbers.put("registering " + label + " (s)", seconds);
        environment.log("registered %d %s in %.1f s", count, label, seconds);
        return users;
    }

    /**
     * One connection per user over the handlers in turn, as apps connect: a handshake the server
     * refuses (1013 while its registry is busy, say) is tried again with back-off for up to a
     * minute. Records "connecting LABEL (s)", the rate, and "handshakes refused and tried again LABEL".
     */
    List<ChatConnection> connect(List<LoadUser> users, FrameListener listener, String label, Map<String, Object> numbers) {
        AtomicLong retries = new AtomicLong();
        List<ChatConnection> connections = connect(users, label, numbers,
                () -> new Connector(handlers, firstSource).open(users, listener, parallel, GIVE_UP_AFTER, retries));
        numbers.put("handshakes refused and tried again " + label, retries.get());
        return connections;
    }

    /** As {@link #connect}, for one user at a time during a run: nothing logged or recorded. */
    ChatConnection reconnect(LoadUser user, FrameListener listener, AtomicLong retries) {
        return new Connector(handlers, firstSource).open(List.of(user), listener, 1, GIVE_UP_AFTER, retries).get(0);
    }

    int parallel() {
        return parallel;
    }

    private List<ChatConnection> connect(List<LoadUser> users, String label, Map<String, Object> numbers,
            Supplier<List<ChatConnection>> opening) {
        long started = System.nanoTime();
        List<ChatConnection> connections = opening.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        numbers.put("connecting " + label + " (s)", seconds);
        numbers.put("connect rate " + label + " (connections/s)", users.size() / seconds);
        environment.log("connected %d %s to %d handlers in %.1f s", users.size(), label, handlers.size(), seconds);
        return connections;
    }
}
