package io.chatserver.loadtest.client;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The close codes of connections the server or the network closed, counted per code (0 = the socket
 * ended without a close frame), and their one-line form {@code 1006:3,0:2} for worker reports.
 */
public final class CloseCodes {

    private CloseCodes() {
    }

    public static Map<Integer, Long> ofLost(Collection<ChatConnection> connections) {
        return connections.stream().filter(ChatConnection::lost)
                .collect(Collectors.groupingBy(ChatConnection::closeCode, TreeMap::new, Collectors.counting()));
    }

    /** {@code code:count} pairs joined by commas; "-" for none (a line's words stay non-empty). */
    public static String format(Map<Integer, Long> codes) {
        return codes.isEmpty() ? "-" : codes.entrySet().stream()
                .map(entry -> entry.getKey() + ":" + entry.getValue()).collect(Collectors.joining(","));
    }

    /** Adds what {@link #format} wrote to {@code into}. */
    public static void parseInto(String formatted, Map<Integer, Long> into) {
        if (formatted.equals("-")) {
            return;
        }
        for (String pair : formatted.split(",")) {
            String[] parts = pair.split(":");
            into.merge(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Long::sum);
        }
    }
}
