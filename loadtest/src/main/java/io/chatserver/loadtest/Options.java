package io.chatserver.loadtest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code --name=value} options of one run. Each getter names its default and bounds; a value out of
 * bounds, malformed, or an option no getter asked for is refused before anything runs.
 */
public final class Options {

    private final Map<String, String> given;
    private final Set<String> asked = new TreeSet<>();
    private final Map<String, Object> used = new TreeMap<>();

    private Options(Map<String, String> given) {
        this.given = given;
    }

    public static Options parse(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("not --name=value: " + arg);
            }
            if (given.put(arg.substring(2, eq), arg.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("given twice: " + arg.substring(0, eq));
            }
        }
        return new Options(given);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String text = raw(name);
        int value;
        try {
            value = text == null ? defaultValue : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a whole number: " + text);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ": " + value);
        }
        return remember(name, value);
    }

    /** A duration such as {@code 30s}, {@code 500ms} or {@code 2m}. */
    public Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
        String text = raw(name);
        Duration value = text == null ? defaultValue : parseDuration(name, text);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ": " + text);
        }
        remember(name, value.toMillis() + "ms");
        return value;
    }

    /** Comma-separated URIs, each of them on loopback. */
    public List<URI> loopbackUris(String name, String defaultValue) {
        String text = raw(name);
        List<URI> uris = new ArrayList<>();
        for (String part : (text == null ? defaultValue : text).split(",")) {
            uris.add(Loopback.require("--" + name, part.strip()));
        }
        remember(name, uris.stream().map(URI::toString).toList());
        return uris;
    }

    public String text(String name, String defaultValue) {
        String text = raw(name);
        return remember(name, text == null ? defaultValue : text);
    }

    /** Refuses options that no getter asked for (a typo must not run the default silently). */
    public void requireAllUsed() {
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(asked);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown + "; known: " + asked);
        }
    }

    /** The value of every option, given or default, for the result file. */
    public Map<String, Object> used() {
        return Map.copyOf(used);
    }

    private String raw(String name) {
        asked.add(name);
        return given.get(name);
    }

    private <T> T remember(String name, T value) {
        used.put(name, value);
        return value;
    }

    private static Duration parseDuration(String name, String text) {
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + name + " is not a duration like 30s, 500ms or 2m: " + text);
        }
    }
}
