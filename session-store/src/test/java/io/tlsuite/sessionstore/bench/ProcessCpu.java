package io.tlsuite.sessionstore.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc}, in clock ticks (10 ms): all of it, and the part spent
 * outside the JIT compiler threads. A short run on a busy machine spends much of its CPU compiling
 * (C2 took 44 % of the store's CPU in a 100 s JFR recording), which says nothing about what an
 * operation costs once warm; the second figure leaves it out. Not a test.
 */
final class ProcessCpu {

    /** Ticks of the whole process and of its threads other than the JIT compilers. */
    record Ticks(long all, long withoutJit) {
        Ticks minus(Ticks before) {
            return new Ticks(all - before.all, withoutJit - before.withoutJit);
        }
    }

    static Ticks read(String pid) throws IOException {
        long all = ticks(Files.readString(Path.of("/proc", pid, "stat")));
        long jit = 0;
        try (DirectoryStream<Path> tasks =
                Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    jit += ticks(stat);
                }
            }
        }
        return new Ticks(all, all - jit);
    }

    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    private ProcessCpu() {}
}
