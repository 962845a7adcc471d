package io.tlsuite.protocol.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Two builds of the engine in one JVM, for a lever's before/after on a shared machine: each
 * classpath gets its own class loader and its own {@link HandshakeBenchmark}, and the candidates of
 * both run in alternating rounds, timed in this thread's CPU time (as {@link
 * InterleavedComparison}), so load changes hit both builds alike. Prints each candidate's mean with
 * the 95 % interval of the mean over rounds, engine / crypto-only per build (both definitions of
 * crypto-only), and after / before per candidate with the interval of the per-round ratio.
 *
 * <p>{@code BeforeAfter ROUNDS BEFORE_CLASSPATH AFTER_CLASSPATH} (each classpath: test classes,
 * classes and dependencies of one build; the before build's test classes may be the after build's,
 * so both have the same benchmark code).
 */
public final class BeforeAfter {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private static final String[][] CANDIDATES = {
        {"full TLS 1.3 X25519+ECDSA", "fullHandshakeX25519EcdsaOurs"},
        {"crypto only (public key)", "cryptoOnlyOfOneHandshake"},
        {"crypto only (+ symmetric)", "cryptoOnlyWithSymmetricOfOneHandshake"},
        {"full TLS 1.3 X25519+Ed25519", "fullHandshakeX25519Ed25519Ours"},
        {"resumed TLS 1.3 psk_dhe_ke", "resumedOursChained"},
        {"full TLS 1.2 ECDHE-ECDSA", "tls12FullHandshakeEcdheEcdsaOurs"},
        {"full TLS 1.2 RSA-2048 kx", "tls12FullHandshakeRsa2048Ours"},
        {"bulk AES-128-GCM 16 KiB", "bulkAes128Gcm16kOurs"},
    };

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String[] builds = {"before", "after"};
        Object[] benches = {bench(args[1]), bench(args[2])};
        Map<String, IntSupplier> candidates = new LinkedHashMap<>();
        for (String[] c : CANDIDATES) {
            for (int i = 0; i < 2; i++) {
                candidates.put(c[0] + ", " + builds[i], call(benches[i], c[1]));
            }
        }
        candidates.put(
                "full TLS 1.3 X25519+ECDSA, JDK SSLEngine",
                call(benches[1], "fullHandshakeX25519EcdsaJdk"));
        System.out.printf(
                "java %s, load %s%n",
                System.getProperty("java.version"), InterleavedComparison.loadAverage());
        long warmUntil = System.nanoTime() + 30_000_000_000L;
        for (int w = 0; w < 3 || System.nanoTime() < warmUntil; w++) {
            for (IntSupplier s : candidates.values()) {
                for (int i = 0; i < 20; i++) {
                    s.getAsInt();
                }
            }
        }
        Map<String, double[]> perRound = new LinkedHashMap<>();
        candidates.keySet().forEach(k -> perRound.put(k, new double[rounds]));
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, IntSupplier> e : candidates.entrySet()) {
                int n = e.getKey().startsWith("bulk") ? 100 : 20;
                long t0 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    e.getValue().getAsInt();
                }
                perRound.get(e.getKey())[r] = (CPU.getCurrentThreadCpuTime() - t0) / 1e3 / n;
            }
        }
        System.out.printf("%-50s %12s %10s%n", "candidate (CPU time per op)", "mean", "95% +/-");
        perRound.forEach(
                (k, v) ->
                        System.out.printf(
                                "%-50s %9.1f us %7.1f us%s%n",
                                k,
                                mean(v),
                                ci(v),
                                k.startsWith("bulk")
                                        ? String.format(
                                                "  (%.0f MB/s)", HandshakeBenchmark.BULK / mean(v))
                                        : ""));
        double jdk = mean(perRound.get("full TLS 1.3 X25519+ECDSA, JDK SSLEngine"));
        for (String b : builds) {
            double[] full = perRound.get(CANDIDATES[0][0] + ", " + b);
            for (int c = 1; c <= 2; c++) {
                double[] crypto = perRound.get(CANDIDATES[c][0] + ", " + b);
                double[] ratio = divide(full, crypto);
                System.out.printf(
                        "RESULT|%s: engine / %s|%.3f|+/- %.3f|%n",
                        b, CANDIDATES[c][0], mean(ratio), ci(ratio));
            }
            System.out.printf(
                    "RESULT|%s: ours vs JDK SSLEngine, full TLS 1.3|%.2fx||%n",
                    b, jdk / mean(full));
        }
        for (String[] c : CANDIDATES) {
            double[] ratio =
                    divide(perRound.get(c[0] + ", after"), perRound.get(c[0] + ", before"));
            System.out.printf(
                    "RESULT|after / before (time per op), %s|%.3f|+/- %.3f|%n",
                    c[0], mean(ratio), ci(ratio));
        }
        System.out.printf("load after: %s%n", InterleavedComparison.loadAverage());
    }

    private static Object bench(String classpath) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String p : classpath.split(":")) {
            if (!p.isEmpty()) {
                urls.add(Path.of(p).toUri().toURL());
            }
        }
        ClassLoader loader =
                new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Class<?> c = loader.loadClass(HandshakeBenchmark.class.getName());
        Object b = c.getDeclaredConstructor().newInstance();
        c.getMethod("setUp").invoke(b);
        return b;
    }

    private static IntSupplier call(Object bench, String name) throws Exception {
        Class<?> c = bench.getClass();
        Method m;
        Object blackhole = null;
        try {
            m = c.getDeclaredMethod(name);
        } catch (NoSuchMethodException e) {
            Class<?> bh = c.getClassLoader().loadClass("org.openjdk.jmh.infra.Blackhole");
            m = c.getDeclaredMethod(name, bh);
            blackhole =
                    bh.getConstructor(String.class)
                            .newInstance(
                                    "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        }
        m.setAccessible(true);
        Method method = m;
        Object[] arguments = blackhole == null ? new Object[0] : new Object[] {blackhole};
        return () -> {
            try {
                Object r = method.invoke(bench, arguments);
                return r instanceof Integer i ? i : 1;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(name, e);
            }
        };
    }

    private static double[] divide(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Half-width of the 95 % interval of the mean (normal approximation). */
    private static double ci(double[] v) {
        double m = mean(v);
        double ss = Arrays.stream(v).map(d -> (d - m) * (d - m)).sum();
        return 1.96 * Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length);
    }

    private BeforeAfter() {}
}
