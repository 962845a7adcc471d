package io.tlsuite.handshake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of named processes on this machine (Linux {@code /proc/PID/stat}: user + system clock
 * ticks, 100 per second), read before and after a measured phase so that a benchmark can say what
 * each process spent per operation. A process that cannot be read counts as absent.
 */
final class ProcessCpu {
    private static final double MS_PER_TICK = 10.0;

    private final Map<String, Long> pids = new LinkedHashMap<>();

    /** {@code spec}: {@code name=pid,name=pid}; empty or null for none. */
    static ProcessCpu of(String spec) {
        ProcessCpu p = new ProcessCpu();
        if (spec != null) {
            for (String part : spec.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length == 2 && !kv[1].isBlank()) {
                    p.pids.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
                }
            }
        }
        p.pids.put("load generator", ProcessHandle.current().pid());
        return p;
    }

    /** Clock ticks per process now; -1 where unreadable. */
    Map<String, Long> read() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, ticks(pid)));
        return ticks;
    }

    /** "name X ms, ..." per operation between two readings. */
    static String perOperation(Map<String, Long> before, Map<String, Long> after, long ops) {
        StringBuilder s = new StringBuilder();
        before.forEach(
                (name, t0) -> {
                    long t1 = after.getOrDefault(name, -1L);
                    if (t0 >= 0 && t1 >= 0 && ops > 0) {
                        s.append(s.length() == 0 ? "" : ", ")
                                .append(name)
                                .append(String.format(" %.1f ms", (t1 - t0) * MS_PER_TICK / ops));
                    }
                });
        return s.toString();
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start after its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
