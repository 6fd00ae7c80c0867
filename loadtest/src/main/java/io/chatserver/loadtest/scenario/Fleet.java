package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.client.Connector;
import io.chatserver.loadtest.client.FrameListener;
import io.chatserver.loadtest.users.LoadUser;
import io.chatserver.loadtest.users.Registrar;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Where the system is and how many handshakes at once: the options every scenario shares. */
final class Fleet {

    private final URI userService;
    private final List<URI> handlers;
    private final int parallel;
    private final Environment environment;

    private Fleet(URI userService, List<URI> handlers, int parallel, Environment environment) {
        this.userService = userService;
        this.handlers = handlers;
        this.parallel = parallel;
        this.environment = environment;
    }

    static Fleet of(Options options, Environment environment) {
        return new Fleet(options.loopbackUris("user-service", Environment.USER_SERVICE).get(0),
                options.loopbackUris("handlers", Environment.HANDLERS),
                options.integer("parallel", 32, 1, 512), environment);
    }

    int handlers() {
        return handlers.size();
    }

    /** Registers {@code count} users; records how long it took under "registering LABEL (s)". */
    List<LoadUser> register(int count, String label, Map<String, Object> numbers) {
        long started = System.nanoTime();
        List<LoadUser> users = new Registrar(userService).register(count, parallel);
        double seconds = (System.nanoTime() - started) / 1e9;
        numbers.put("registering " + label + " (s)", seconds);
        environment.log("registered %d %s in %.1f s", count, label, seconds);
        return users;
    }

    /** One connection per user over the handlers in turn; records "connecting LABEL (s)" and the rate. */
    List<ChatConnection> connect(List<LoadUser> users, FrameListener listener, String label, Map<String, Object> numbers) {
        long started = System.nanoTime();
        List<ChatConnection> connections = new Connector(handlers).open(users, listener, parallel);
        double seconds = (System.nanoTime() - started) / 1e9;
        numbers.put("connecting " + label + " (s)", seconds);
        numbers.put("connect rate " + label + " (connections/s)", users.size() / seconds);
        environment.log("connected %d %s to %d handlers in %.1f s", users.size(), label, handlers.size(), seconds);
        return connections;
    }
}
