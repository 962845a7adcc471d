package io.tlsuite.sessionstore.bench;

import io.tlsuite.sessionstore.domain.KeyMaterial;
import io.tlsuite.sessionstore.domain.SessionEventSink;
import io.tlsuite.sessionstore.domain.SessionRegistry;
import io.tlsuite.sessionstore.store.EnvelopeCipher;
import io.tlsuite.sessionstore.store.InMemorySessionBackend;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Heap per live session in the in-memory backend: registers N sessions as the handshake service
 * would (UUID ids, three 32-byte secrets sealed with AES-GCM, four server certificates in turn, a
 * client name per session) and divides the heap growth by N. Run with {@code
 * session-store/bench/run.sh} or: {@code java -Xmx3g -cp <classes> ...MemoryPerSession 1000000}.
 */
public final class MemoryPerSession {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        InMemorySessionBackend backend = new InMemorySessionBackend();
        SessionRegistry registry =
                new SessionRegistry(
                        backend,
                        EnvelopeCipher.ephemeral(),
                        SessionEventSink.NONE,
                        Clock.systemUTC(),
                        new SessionRegistry.Settings(
                                Duration.ofHours(12),
                                Duration.ofDays(1),
                                Duration.ofHours(2),
                                Duration.ofDays(7),
                                Duration.ofMinutes(15)));
        SecureRandom random = new SecureRandom();
        String[] serials = {"0a1b2c3d4e5f", "0a1b2c3d4e60", "0a1b2c3d4e61", "0a1b2c3d4e62"};

        long before = usedAfterGc();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            Map<String, byte[]> keys = new LinkedHashMap<>();
            keys.put("clientTrafficSecret", bytes(random, 32));
            keys.put("serverTrafficSecret", bytes(random, 32));
            keys.put("resumptionSecret", bytes(random, 32));
            registry.register(
                    new SessionRegistry.NewSession(
                            id,
                            UUID.randomUUID().toString(),
                            "client-" + (i % 100_000),
                            "handshake.tlsuite.local",
                            "TLSv1.3",
                            "TLS_AES_128_GCM_SHA256",
                            serials[i & 3],
                            null,
                            null,
                            null,
                            null,
                            null),
                    KeyMaterial.adopt(keys));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long after = usedAfterGc();
        System.out.printf(
                "in-memory backend: %,d live sessions, heap delta %,d bytes = %.0f bytes/session (%.2f KiB); registered at %,.0f/s in-process%n",
                registry.liveSessions(),
                after - before,
                (after - before) / (double) n,
                (after - before) / (double) n / 1024,
                n / seconds);
        if (registry.liveSessions() != n) {
            throw new IllegalStateException("lost sessions");
        }
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private MemoryPerSession() {}
}
