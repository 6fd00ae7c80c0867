package io.chatserver.loadtest.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a scenario may use besides its options: progress lines and a description of the machine. */
public final class Environment {

    /** Where ./chat up puts the services (docs/local-ports.md). */
    public static final String USER_SERVICE = "http://127.0.0.1:8081";
    public static final String HANDLERS = "ws://127.0.0.1:8090/v1/ws,ws://127.0.0.1:8091/v1/ws";
    public static final String MESSAGE_SERVICE = "http://127.0.0.1:8083";
    public static final String GROUP_SERVICE = "http://127.0.0.1:8084";

    private final long started = System.nanoTime();

    public void log(String format, Object... args) {
        System.out.printf("load: [%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, String.format(format, args));
    }

    public Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        machine.put("loadToolMaxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return machine;
    }
}
