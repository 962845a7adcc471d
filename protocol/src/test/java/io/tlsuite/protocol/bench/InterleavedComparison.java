package io.tlsuite.protocol.bench;

import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.crypto.CryptoBackends;
import io.tlsuite.protocol.testing.JdkPeer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ratios that survive a busy machine: the candidates run in short alternating rounds, so load
 * changes hit all of them alike. Complements {@link HandshakeBenchmark} (absolute JMH numbers). Run
 * like HandshakeBenchmark, with this class as the main class: {@code InterleavedComparison [rounds]
 * [tls13|tls12|primitives|server]}. Besides its table it prints {@code
 * RESULT|what|ours|reference|ratio} lines, which {@code scripts/bench-all} gathers.
 */
public final class InterleavedComparison {
    /**
     * Rounds are timed in this thread's CPU time, not wall time: on a shared machine the wait for a
     * core is not counted, so busy neighbours distort the numbers less. Every candidate does all of
     * its work (both peers, the JDK's delegated tasks) in this thread.
     */
    static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String mode = args.length > 1 ? args[1] : "tls13";
        System.out.printf(
                "java %s, backend %s, %d cores, load %s%n",
                System.getProperty("java.version"),
                CryptoBackends.active().name(),
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        switch (mode) {
            case "tls12" -> tls12(rounds);
            case "primitives" -> primitives(rounds);
            case "server" -> serverSide(rounds);
            default -> tls13(rounds);
        }
    }

    private static void tls12(int rounds) throws Exception {
        HandshakeBenchmark b = new HandshakeBenchmark();
        b.setUp();
        Map<String, IntSupplier> candidates = new LinkedHashMap<>();
        candidates.put(
                "TLS 1.2 full ECDHE-ECDSA, ours",
                () -> b.tls12FullHandshakeEcdheEcdsaOurs() ? 1 : 0);
        candidates.put(
                "TLS 1.2 full ECDHE-ECDSA, JDK SSLEngine",
                () -> b.tls12FullHandshakeEcdheEcdsaJdk() ? 1 : 0);
        candidates.put(
                "TLS 1.2 full RSA-2048 kx, ours", () -> b.tls12FullHandshakeRsa2048Ours() ? 1 : 0);
        candidates.put(
                "TLS 1.2 full RSA-2048 kx, JDK SSLEngine",
                () -> b.tls12FullHandshakeRsa2048Jdk() ? 1 : 0);
        candidates.put(
                "TLS 1.3 full X25519+ECDSA, ours", () -> b.fullHandshakeX25519EcdsaOurs() ? 1 : 0);
        Map<String, Double> ms = run(candidates, rounds, 20);
        result(
                ms,
                "TLS 1.2 full ECDHE-ECDSA (X25519, P-256), ours vs JDK SSLEngine",
                "TLS 1.2 full ECDHE-ECDSA, ours",
                "TLS 1.2 full ECDHE-ECDSA, JDK SSLEngine");
        result(
                ms,
                "TLS 1.2 full RSA-2048 key transport, ours vs JDK SSLEngine",
                "TLS 1.2 full RSA-2048 kx, ours",
                "TLS 1.2 full RSA-2048 kx, JDK SSLEngine");
    }

    private static void tls13(int rounds) throws Exception {
        HandshakeBenchmark b = new HandshakeBenchmark();
        b.setUp();
        Blackhole bh =
                new Blackhole(
                        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        Map<String, IntSupplier> candidates = new LinkedHashMap<>();
        candidates.put("full X25519+ECDSA, ours", () -> b.fullHandshakeX25519EcdsaOurs() ? 1 : 0);
        candidates.put(
                "full X25519+ECDSA, ours, jdk crypto",
                () -> b.fullHandshakeX25519EcdsaOursJdkCrypto() ? 1 : 0);
        candidates.put(
                "full X25519+ECDSA, JDK SSLEngine", () -> b.fullHandshakeX25519EcdsaJdk() ? 1 : 0);
        candidates.put(
                "full X25519+Ed25519, ours", () -> b.fullHandshakeX25519Ed25519Ours() ? 1 : 0);
        candidates.put(
                "full X25519+Ed25519, JDK SSLEngine",
                () -> b.fullHandshakeX25519Ed25519Jdk() ? 1 : 0);
        // Each resumption receives the ticket for the next one (tickets are single use).
        candidates.put("resumed (psk_dhe_ke), ours", b::resumedOursChained);
        candidates.put("resumed, JDK SSLEngine", () -> b.resumedHandshakeJdk() ? 1 : 0);
        candidates.put("bulk 16 KiB record AES-128-GCM, ours", b::bulkAes128Gcm16kOurs);
        candidates.put("bulk 16 KiB record AES-128-GCM, JDK", b::bulkAes128Gcm16kJdk);
        candidates.put(
                "crypto only of one full handshake",
                () -> {
                    try {
                        b.cryptoOnlyOfOneHandshake(bh);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return 1;
                });
        candidates.put(
                "crypto only incl. key schedule, transcript, AEAD",
                () -> {
                    try {
                        b.cryptoOnlyWithSymmetricOfOneHandshake(bh);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return 1;
                });
        candidates.put(
                "crypto only, jdk crypto",
                () -> {
                    b.cryptoOnlyOfOneHandshakeJdkCrypto(bh);
                    return 1;
                });
        Map<String, Double> ms = run(candidates, rounds, 20);
        result(
                ms,
                "TLS 1.3 full X25519+ECDSA, ours vs JDK SSLEngine (aim >= 3x)",
                "full X25519+ECDSA, ours",
                "full X25519+ECDSA, JDK SSLEngine");
        result(
                ms,
                "TLS 1.3 full X25519+ECDSA, ours: bc-curves vs jdk crypto",
                "full X25519+ECDSA, ours",
                "full X25519+ECDSA, ours, jdk crypto");
        result(
                ms,
                "TLS 1.3 full X25519+Ed25519, ours vs JDK SSLEngine",
                "full X25519+Ed25519, ours",
                "full X25519+Ed25519, JDK SSLEngine");
        result(
                ms,
                "TLS 1.3 resumed (psk_dhe_ke), ours vs JDK SSLEngine",
                "resumed (psk_dhe_ke), ours",
                "resumed, JDK SSLEngine");
        result(
                ms,
                "bulk AES-128-GCM 16 KiB records, ours vs JDK SSLEngine",
                "bulk 16 KiB record AES-128-GCM, ours",
                "bulk 16 KiB record AES-128-GCM, JDK");
        double engine = ms.get("full X25519+ECDSA, ours");
        double crypto = ms.get("crypto only of one full handshake");
        System.out.printf(
                "RESULT|TLS 1.3 engine time / its crypto-only time (aim <= 1.15)|%.3f ms|%.3f ms|%.2f%n",
                engine, crypto, engine / crypto);
        double withSymmetric = ms.get("crypto only incl. key schedule, transcript, AEAD");
        System.out.printf(
                "RESULT|TLS 1.3 engine time / its crypto-only time with the symmetric crypto (HKDF, transcript hash, AEAD)|%.3f ms|%.3f ms|%.2f%n",
                engine, withSymmetric, engine / withSymmetric);
        // Sanity: the JDK resumption really resumes (no Certificate: a much smaller server flight).
        JdkPeer c =
                JdkPeer.client(b.jdkClientResuming, "localhost", 9443, "TLS_AES_128_GCM_SHA256");
        JdkPeer s = JdkPeer.server(b.jdkServerResuming, false);
        System.out.println(
                "JDK resumed server flight bytes: " + s.step(c.step(new byte[0])).length);
        TlsEngine oc = TlsEngine.client(b.clientEc);
        TlsEngine os = TlsEngine.server(b.serverEc);
        System.out.println(
                "our full server flight bytes: "
                        + os.feed(oc.start().outbound()).outbound().length);
    }

    /**
     * What a TLS server pays per full TLS 1.3 handshake (X25519, ECDSA P-256): the CPU time of the
     * server side alone (thread CPU time, so waiting for a core on a busy machine is not counted),
     * ours with each backend beside the JDK's SSLEngine as a server. The client's work is not
     * counted. This is the handshake part of what the handshake service spends per connection.
     */
    private static void serverSide(int rounds) throws Exception {
        HandshakeBenchmark b = new HandshakeBenchmark();
        b.setUp();
        java.lang.management.ThreadMXBean mx =
                java.lang.management.ManagementFactory.getThreadMXBean();
        int[] port = {20000};
        Map<String, java.util.function.LongSupplier> candidates = new LinkedHashMap<>();
        candidates.put("server side, ours (bc-curves)", () -> oursServerCpu(b, mx));
        candidates.put(
                "server side, ours (jdk crypto)",
                () -> {
                    long[] cpu = new long[1];
                    HandshakeBenchmark.withBackend(
                            CryptoBackends.jdk(),
                            () -> {
                                cpu[0] = oursServerCpu(b, mx);
                                return true;
                            });
                    return cpu[0];
                });
        candidates.put(
                "server side, JDK SSLEngine",
                () -> {
                    JdkPeer c =
                            JdkPeer.client(
                                    b.jdkClient, "localhost", ++port[0], "TLS_AES_128_GCM_SHA256");
                    JdkPeer s = JdkPeer.server(b.jdkServerEc, false);
                    long cpu = 0;
                    byte[] toServer = c.step(new byte[0]);
                    byte[] toClient = new byte[0];
                    for (int i = 0; i < 20 && (toServer.length > 0 || toClient.length > 0); i++) {
                        long t0 = mx.getCurrentThreadCpuTime();
                        toClient = s.step(toServer);
                        cpu += mx.getCurrentThreadCpuTime() - t0;
                        toServer = c.step(toClient);
                    }
                    if (!c.engine().getSession().isValid()) {
                        throw new IllegalStateException("JDK handshake failed");
                    }
                    return cpu;
                });
        Map<String, Long> cpu = new LinkedHashMap<>();
        candidates.keySet().forEach(k -> cpu.put(k, 0L));
        long warmUntil = System.nanoTime() + 20_000_000_000L;
        for (int r = -1; r < rounds; r++) {
            do {
                for (Map.Entry<String, java.util.function.LongSupplier> c : candidates.entrySet()) {
                    for (int i = 0; i < 20; i++) {
                        long ns = c.getValue().getAsLong();
                        if (r >= 0) {
                            cpu.merge(c.getKey(), ns, Long::sum);
                        }
                    }
                }
            } while (r < 0 && System.nanoTime() < warmUntil);
        }
        System.out.printf("%-44s %22s%n", "candidate", "server CPU per handshake");
        Map<String, Double> us = new LinkedHashMap<>();
        cpu.forEach(
                (k, v) -> {
                    us.put(k, v / 1e3 / (rounds * 20));
                    System.out.printf("%-44s %19.0f us%n", k, us.get(k));
                });
        System.out.printf("load average after: %s%n", loadAverage());
        double bc = us.get("server side, ours (bc-curves)");
        double jdkCrypto = us.get("server side, ours (jdk crypto)");
        double jdk = us.get("server side, JDK SSLEngine");
        System.out.printf(
                "RESULT|TLS 1.3 server CPU per full handshake, ours vs JDK SSLEngine (ratio = JDK / ours)|%.0f us|%.0f us|%.2f%n",
                bc, jdk, jdk / bc);
        System.out.printf(
                "RESULT|TLS 1.3 server CPU per full handshake, ours: bc-curves vs jdk crypto (ratio = jdk / bc)|%.0f us|%.0f us|%.2f%n",
                bc, jdkCrypto, jdkCrypto / bc);
    }

    private static long oursServerCpu(HandshakeBenchmark b, java.lang.management.ThreadMXBean mx) {
        TlsEngine c = TlsEngine.client(b.clientEc);
        TlsEngine s = TlsEngine.server(b.serverEc);
        byte[] toServer = c.start().outbound();
        long cpu = 0;
        for (int i = 0; i < 20 && toServer.length > 0; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            byte[] toClient = s.feed(toServer).outbound();
            cpu += mx.getCurrentThreadCpuTime() - t0;
            toServer = toClient.length == 0 ? toClient : c.feed(toClient).outbound();
        }
        if (!c.isHandshakeComplete() || !s.isHandshakeComplete()) {
            throw new IllegalStateException("handshake failed");
        }
        return cpu;
    }

    /**
     * Each primitive for the JDK and Bouncy Castle, alternating; RESULT lines give the speed-up.
     */
    private static void primitives(int rounds) {
        CryptoPrimitives p = new CryptoPrimitives();
        Map<String, IntSupplier> candidates = new LinkedHashMap<>();
        p.candidates()
                .forEach(
                        (name, op) ->
                                candidates.put(
                                        name,
                                        () -> {
                                            try {
                                                return op.run();
                                            } catch (Exception e) {
                                                throw new IllegalStateException(name, e);
                                            }
                                        }));
        Map<String, Double> ms = run(candidates, rounds, 20);
        for (String name : candidates.keySet()) {
            if (name.endsWith(", jdk")) {
                String what = name.substring(0, name.length() - ", jdk".length());
                String bc =
                        ms.containsKey(what + ", bc-curves") ? what + ", bc-curves" : what + ", bc";
                System.out.printf(
                        "RESULT|%s: Bouncy Castle vs JDK (us per op, speed-up)|%.0f us|%.0f us|%.2f%n",
                        what, ms.get(bc) * 1000, ms.get(name) * 1000, ms.get(name) / ms.get(bc));
            }
        }
    }

    private static void result(Map<String, Double> ms, String what, String ours, String ref) {
        double o = ms.get(ours);
        double r = ms.get(ref);
        boolean bulk = ours.startsWith("bulk");
        System.out.printf(
                "RESULT|%s|%.1f %s|%.1f %s|%.2f%n",
                what,
                bulk ? HandshakeBenchmark.BULK / 1e3 / o : 1000 / o,
                bulk ? "MB/s" : "/s",
                bulk ? HandshakeBenchmark.BULK / 1e3 / r : 1000 / r,
                bulk ? "MB/s" : "/s",
                r / o);
    }

    static String loadAverage() {
        try {
            return String.join(
                    " ",
                    java.util.Arrays.copyOf(
                            java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                                    .split(" "),
                            3));
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /**
     * Alternating rounds of {@code perRound} operations per candidate after a warm-up, in thread
     * CPU time; prints the table and answers milliseconds per operation by candidate.
     */
    static Map<String, Double> run(Map<String, IntSupplier> candidates, int rounds, int perRound) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        candidates.keySet().forEach(k -> nanos.put(k, 0L));
        // Warm-up, not measured: at least three rounds and 20 s, so the JIT has compiled the hot
        // code of every candidate (Bouncy Castle's field arithmetic, the JDK's GCM intrinsics).
        long warmUntil = System.nanoTime() + 20_000_000_000L;
        int warmRounds = 0;
        while (warmRounds < 3 || System.nanoTime() < warmUntil) {
            for (IntSupplier c : candidates.values()) {
                for (int i = 0; i < perRound; i++) {
                    c.getAsInt();
                }
            }
            warmRounds++;
        }
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, IntSupplier> c : candidates.entrySet()) {
                long t0 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    c.getValue().getAsInt();
                }
                long dt = CPU.getCurrentThreadCpuTime() - t0;
                nanos.merge(c.getKey(), dt, Long::sum);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        System.out.printf("%-44s %12s %10s%n", "candidate", "ops/s", "ms/op");
        for (Map.Entry<String, Long> e : nanos.entrySet()) {
            double msPerOp = e.getValue() / 1e6 / (rounds * perRound);
            out.put(e.getKey(), msPerOp);
            String extra =
                    e.getKey().startsWith("bulk")
                            ? String.format(
                                    " %8.1f MB/s", HandshakeBenchmark.BULK / 1e6 / (msPerOp / 1000))
                            : "";
            System.out.printf(
                    "%-44s %12.1f %10.3f%s%n", e.getKey(), 1000 / msPerOp, msPerOp, extra);
        }
        System.out.printf("load average after: %s%n", loadAverage());
        return out;
    }

    private InterleavedComparison() {}
}
