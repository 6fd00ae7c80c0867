package io.chatserver.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU time of processes from /proc (Linux), so a benchmark can say where its 2 cores went. */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private ProcessCpu() {
    }

    /** user + system CPU seconds of the process so far; 0 when it is gone. */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The local stack's servers by name (from .stack/run/NAME.pid), plus this JVM as "load". */
    static Map<String, Long> stackAndSelf(Path repoRoot) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String server : new String[] {"cassandra", "mariadbd", "redis", "kafka", "s3proxy"}) {
            try {
                pids.put(server, Long.parseLong(Files.readString(repoRoot.resolve(".stack/run/" + server + ".pid")).trim()));
            } catch (IOException | NumberFormatException absent) {
                // not running: nothing to count
            }
        }
        pids.put("load (test JVM)", ProcessHandle.current().pid());
        return pids;
    }
}
