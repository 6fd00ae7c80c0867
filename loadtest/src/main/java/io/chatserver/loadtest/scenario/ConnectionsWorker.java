package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.users.LoadUser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code load connections-worker}: one of the processes a {@code connections --processes=N} run
 * splits into, so that no process holds more sockets than its file limit (20,000 here). Registers
 * and connects its share, says so on stdout ({@link #CONNECTED}), holds until its coordinator
 * writes {@link #RELEASE} (or closes stdin), says how many are still open ({@link #HELD}), and ends.
 */
public final class ConnectionsWorker {

    static final String CONNECTED = "WORKER CONNECTED";
    static final String HELD = "WORKER HELD";
    static final String RELEASE = "RELEASE";

    private ConnectionsWorker() {
    }

    public static int run(Options options) throws IOException {
        int count = options.integer("connections", 1_000, 1, 20_000);
        Environment environment = new Environment();
        Fleet fleet = Fleet.of(options, environment);
        options.requireAllUsed();
        Map<String, Object> numbers = new LinkedHashMap<>();
        List<LoadUser> users = fleet.register(count, "users", numbers);
        List<ChatConnection> connections = fleet.connect(users, (connection, frame, now) -> { }, "users", numbers);
        System.out.printf("%s %d %.3f %s%n", CONNECTED, connections.size(), (Double) numbers.get("connecting users (s)"),
                numbers.get("handshakes refused and tried again users"));
        System.out.flush();
        BufferedReader coordinator = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        do {
            line = coordinator.readLine();
        } while (line != null && !line.equals(RELEASE));
        long open = connections.stream().filter(connection -> !connection.isClosed()).count();
        System.out.printf("%s %d%n", HELD, open);
        System.out.flush();
        connections.forEach(ChatConnection::close);
        return 0;
    }
}
