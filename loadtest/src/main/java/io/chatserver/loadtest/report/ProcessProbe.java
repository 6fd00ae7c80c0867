package io.chatserver.loadtest.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resident memory and CPU time of the service processes on this machine, from /proc. Which
 * processes: {@code CHAT_SERVICE_PIDS} ("name=pid,name=pid"), which {@code ./chat load} sets from
 * its pid files. Without it nothing is measured (and the report says so).
 */
public final class ProcessProbe {

    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids;

    private ProcessProbe(Map<String, Long> pids) {
        this.pids = pids;
    }

    public static ProcessProbe fromEnvironment() {
        Map<String, Long> pids = new LinkedHashMap<>();
        String spec = System.getenv("CHAT_SERVICE_PIDS");
        if (spec != null) {
            for (String entry : spec.split(",")) {
                String[] nameAndPid = entry.split("=");
                if (nameAndPid.length == 2 && nameAndPid[1].matches("\\d+")) {
                    pids.put(nameAndPid[0].strip(), Long.parseLong(nameAndPid[1]));
                }
            }
        }
        return new ProcessProbe(pids);
    }

    /** The processes named in CHAT_SERVICE_PIDS, in their order there. */
    public java.util.Set<String> names() {
        return pids.keySet();
    }

    /** CPU seconds (user + system) of every named process and of this one ("load tool"), now. */
    public Map<String, Double> cpuSecondsOfAll() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.keySet().forEach(name -> cpu.put(name, cpuSeconds(name)));
        cpu.put("load tool", ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0));
        return cpu;
    }

    public boolean knows(String name) {
        return pids.containsKey(name);
    }

    /** Resident set size in KiB, or -1 when the process is unknown or gone. */
    public long rssKiB(String name) {
        Long pid = pids.get(name);
        if (pid == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time in seconds, or -1. */
    public double cpuSeconds(String name) {
        Long pid = pids.get(name);
        if (pid == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
