package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.client.ChatConnection;
import io.chatserver.loadtest.client.CloseCodes;
import io.chatserver.loadtest.users.LoadUser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code load connections-worker}: one of the processes a {@code connections --processes=N} run
 * splits into, so that no process holds more sockets than its file limit (20,000 here). Registers
 * and connects its share a chunk at a time, says so on stdout ({@link #CONNECTED}, with the time
 * spent connecting), holds until its coordinator
 * writes {@link #RELEASE} (or closes stdin), says how many are still open and the close codes of the others ({@link #HELD}), and ends.
 */
public final class ConnectionsWorker {

    static final String CONNECTED = "WORKER CONNECTED";
    static final String HELD = "WORKER HELD";
    static final String RELEASE = "RELEASE";
    /** Users registered, then connected, at a time per handler (dealt out in turn, so each gets as many). */
    private static final int CHUNK_PER_HANDLER = 500;

    private ConnectionsWorker() {
    }

    public static int run(Options options) throws IOException {
        int count = options.integer("connections", 1_000, 1, 20_000);
        Environment environment = new Environment();
        Fleet fleet = Fleet.of(options, environment);
        options.requireAllUsed();
        // Users register just before they connect, a chunk at a time, as apps do: an access token lives ten
        // minutes, and 20,000 connections on a loaded box can take longer than that.
        int chunk = CHUNK_PER_HANDLER * fleet.handlers();
        List<ChatConnection> connections = new ArrayList<>(count);
        double connecting = 0;
        long retries = 0;
        for (int done = 0; done < count; done += chunk) {
            Map<String, Object> numbers = new LinkedHashMap<>();
            List<LoadUser> users = fleet.register(Math.min(chunk, count - done), "users", numbers);
            connections.addAll(fleet.connect(users, (connection, frame, now) -> { }, "users", numbers));
            connecting += (Double) numbers.get("connecting users (s)");
            retries += (Long) numbers.get("handshakes refused and tried again users");
        }
        System.out.printf(Locale.ROOT, "%s %d %.3f %d%n", CONNECTED, connections.size(), connecting, retries);
        System.out.flush();
        BufferedReader coordinator = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        do {
            line = coordinator.readLine();
        } while (line != null && !line.equals(RELEASE));
        long open = connections.stream().filter(connection -> !connection.isClosed()).count();
        System.out.printf(Locale.ROOT, "%s %d %s%n", HELD, open, CloseCodes.format(CloseCodes.ofLost(connections)));
        System.out.flush();
        connections.forEach(ChatConnection::close);
        return 0;
    }
}
