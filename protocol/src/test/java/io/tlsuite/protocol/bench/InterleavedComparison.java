package io.tlsuite.protocol.bench;

import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.testing.JdkPeer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Ratios that survive a busy machine: the candidates run in short alternating rounds, so load
 * changes hit all of them alike. Complements {@link HandshakeBenchmark} (absolute JMH numbers). Run
 * like HandshakeBenchmark, with this class as the main class.
 */
public final class InterleavedComparison {
    public static void main(String[] args) throws Exception {
        HandshakeBenchmark b = new HandshakeBenchmark();
        b.setUp();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int perRound = 20;
        Map<String, IntSupplier> candidates = new LinkedHashMap<>();
        if (args.length > 1 && args[1].equals("tls12")) {
            candidates.put(
                    "TLS 1.2 full ECDHE-ECDSA, ours",
                    () -> b.tls12FullHandshakeEcdheEcdsaOurs() ? 1 : 0);
            candidates.put(
                    "TLS 1.2 full ECDHE-ECDSA, JDK SSLEngine",
                    () -> b.tls12FullHandshakeEcdheEcdsaJdk() ? 1 : 0);
            candidates.put(
                    "TLS 1.2 full RSA-2048 kx, ours",
                    () -> b.tls12FullHandshakeRsa2048Ours() ? 1 : 0);
            candidates.put(
                    "TLS 1.2 full RSA-2048 kx, JDK SSLEngine",
                    () -> b.tls12FullHandshakeRsa2048Jdk() ? 1 : 0);
            candidates.put(
                    "TLS 1.3 full X25519+ECDSA, ours",
                    () -> b.fullHandshakeX25519EcdsaOurs() ? 1 : 0);
            run(candidates, rounds, perRound);
            return;
        }
        candidates.put("full X25519+ECDSA, ours", () -> b.fullHandshakeX25519EcdsaOurs() ? 1 : 0);
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
                        b.cryptoOnlyOfOneHandshake(
                                new org.openjdk.jmh.infra.Blackhole(
                                        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return 1;
                });
        run(candidates, rounds, perRound);
        // Sanity: the JDK resumption really resumes (no Certificate: a much smaller server flight).
        JdkPeer c =
                JdkPeer.client(b.jdkClientResuming, "localhost", 9443, "TLS_AES_128_GCM_SHA256");
        JdkPeer s = JdkPeer.server(b.jdkServerResuming, false);
        int flight = s.step(c.step(new byte[0])).length;
        System.out.println("JDK resumed server flight bytes: " + flight);
        TlsEngine oc = TlsEngine.client(b.clientEc);
        TlsEngine os = TlsEngine.server(b.serverEc);
        System.out.println(
                "our full server flight bytes: "
                        + os.feed(oc.start().outbound()).outbound().length);
    }

    /** Alternating rounds of {@code perRound} operations per candidate, three warm-up rounds. */
    static void run(Map<String, IntSupplier> candidates, int rounds, int perRound) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        candidates.keySet().forEach(k -> nanos.put(k, 0L));
        for (int r = -3; r < rounds; r++) { // three warm-up rounds
            for (Map.Entry<String, IntSupplier> c : candidates.entrySet()) {
                long t0 = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    c.getValue().getAsInt();
                }
                long dt = System.nanoTime() - t0;
                if (r >= 0) {
                    nanos.merge(c.getKey(), dt, Long::sum);
                }
            }
        }
        System.out.printf("%-40s %12s %10s%n", "candidate", "ops/s", "ms/op");
        for (Map.Entry<String, Long> e : nanos.entrySet()) {
            double msPerOp = e.getValue() / 1e6 / (rounds * perRound);
            String extra =
                    e.getKey().startsWith("bulk")
                            ? String.format(
                                    " %8.1f MB/s", HandshakeBenchmark.BULK / 1e6 / (msPerOp / 1000))
                            : "";
            System.out.printf(
                    "%-40s %12.1f %10.3f%s%n", e.getKey(), 1000 / msPerOp, msPerOp, extra);
        }
    }

    private InterleavedComparison() {}
}
