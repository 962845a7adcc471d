package io.tlsuite.handshake.domain;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A daemon thread that runs a sweep once a second, for what expires in memory. */
final class Sweeper {
    private Sweeper() {}

    static ScheduledExecutorService everySecond(String threadName, Runnable sweep) {
        ScheduledExecutorService s =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, threadName);
                            t.setDaemon(true);
                            return t;
                        });
        s.scheduleWithFixedDelay(sweep, 1, 1, TimeUnit.SECONDS);
        return s;
    }
}
