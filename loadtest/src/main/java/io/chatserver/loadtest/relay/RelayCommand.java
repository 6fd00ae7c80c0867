package io.chatserver.loadtest.relay;

import io.chatserver.loadtest.Loopback;
import io.chatserver.loadtest.Options;
import reactor.netty.DisposableServer;

import java.time.Duration;

/**
 * {@code load serve-relay [--host=127.0.0.1] [--port=8099] [--for=30m]}: runs the bare relay until
 * killed or for at most {@code --for}. {@code ./chat load bare-relay} starts it as its own process.
 */
public final class RelayCommand {

    private RelayCommand() {
    }

    public static int run(Options options) throws InterruptedException {
        var host = Loopback.address("--host", options.text("host", "127.0.0.1"));
        int port = options.integer("port", 8099, 1, 65_535);
        Duration atMost = options.duration("for", Duration.ofMinutes(30), Duration.ofSeconds(1), Duration.ofHours(2));
        options.requireAllUsed();
        BareRelay relay = new BareRelay();
        DisposableServer server = relay.start(host, port);
        System.out.printf("relay: listening on ws://%s:%d/v1/ws for at most %s%n", host.getHostAddress(),
                server.port(), atMost);
        Thread.sleep(atMost.toMillis());
        server.disposeNow();
        System.out.printf("relay: stopped after %s, %d messages relayed%n", atMost, relay.relayed());
        return 0;
    }
}
