package io.tlsuite.ca.bench;

import io.tlsuite.ca.domain.BouncyCastle;
import io.tlsuite.ca.domain.CaCredentials;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.ca.domain.Pem;
import io.tlsuite.ca.domain.PublicKeyProfile;
import io.tlsuite.events.Topics;
import io.tlsuite.kafka.EmbeddedKafkaBroker;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Load harness (not a test): for each key type, starts an embedded Kafka broker and the packaged CA
 * ({@code target/quarkus-app/quarkus-run.jar}, CA keys of that type), issues leaves of that type
 * through {@code POST /api/v1/certificates} with the CA's provisioner token from several client
 * threads for a fixed time, and measures in this JVM, in the same run, Bouncy Castle's raw signing
 * rate and its sign + verify rate (what each issuance needs at least: the CSR's signature checked,
 * the certificate signed) with a key of the same type. Run it with {@code
 * certificate-authority/bench.sh}.
 *
 * <p>Arguments: {@code [seconds per measurement, default 20] [client threads, default 8]}. The CA
 * runs on its embedded H2 unless {@code CA_BENCH_POSTGRES} names a PostgreSQL server ({@code
 * host:port}, user {@code postgres}, trust authentication): then each key type gets a fresh
 * database {@code tlsuite_ca_bench} there.
 */
public final class IssuanceBenchmark {

    private static final int CSRS = 16;

    /** The CA's HTTP port: {@code CA_BENCH_PORT}, else a free one (no fixed port, no lock). */
    private static final int PORT = port();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int cores = Runtime.getRuntime().availableProcessors();
        String jarOverride = System.getenv("CA_BENCH_JAR"); // e.g. a build kept for a before/after
        Path jar =
                Path.of(
                                jarOverride == null || jarOverride.isBlank()
                                        ? "certificate-authority/target/quarkus-app/quarkus-run.jar"
                                        : jarOverride)
                        .toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    "build first: mvn -pl certificate-authority package -DskipTests");
        }
        System.out.printf("CA: %s%n", jar);
        System.out.printf(
                "machine: %d cores, %s %s; %d s per measurement, %d client threads%n",
                cores,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                seconds,
                threads);
        List<String> results = new ArrayList<>();
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.ephemeral().start()) {
            kafka.createTopics(List.of(Topics.CERTIFICATES), 3, Duration.ofSeconds(30));
            String postgres = System.getenv("CA_BENCH_POSTGRES");
            for (KeyType type : List.of(KeyType.EC_P256, KeyType.RSA_2048)) {
                Rate rest =
                        measureRest(
                                jar, kafka.bootstrapServers(), postgres, type, seconds, threads);
                Rate raw = measureRaw(type, seconds, cores, false);
                Rate signVerify = measureRaw(type, seconds, cores, true);
                String line =
                        String.format(
                                "%-9s %-10s REST issuance %8.1f certs/s | BC raw signing %9.1f sig/s, sign+verify %9.1f /s (%d threads) | issuance / signing %.3f, / (sign+verify) %.3f%n"
                                        + "%-20s CPU ms per op: CA %.3f per certificate | BC signing %.3f, sign+verify %.3f | CPU ratio signing / issuance %.3f, (sign+verify) / issuance %.3f",
                                type.description(),
                                postgres == null ? "H2" : "PostgreSQL",
                                rest.perSecond(),
                                raw.perSecond(),
                                signVerify.perSecond(),
                                cores,
                                rest.perSecond() / raw.perSecond(),
                                rest.perSecond() / signVerify.perSecond(),
                                "",
                                rest.cpuMs(),
                                raw.cpuMs(),
                                signVerify.cpuMs(),
                                raw.cpuMs() / rest.cpuMs(),
                                signVerify.cpuMs() / rest.cpuMs());
                System.out.println(line);
                results.add(line);
            }
        }
        System.out.println();
        results.forEach(System.out::println);
    }

    /**
     * Operations per second, and CPU milliseconds per operation (the CA process's whole CPU per
     * certificate; the signing threads' CPU per signature): the CPU ratio does not move with the
     * machine's other load the way rates do.
     */
    record Rate(double perSecond, double cpuMs) {}

    private static Rate measureRest(
            Path jar, String bootstrap, String postgres, KeyType type, int seconds, int threads)
            throws Exception {
        Path data = Files.createTempDirectory("ca-bench-");
        List<String> database = new ArrayList<>();
        if (postgres != null) {
            freshDatabase(postgres);
            database.addAll(
                    List.of(
                            "-Dquarkus.datasource.h2.active=false",
                            "-Dquarkus.datasource.postgresql.active=true",
                            "-Dquarkus.datasource.postgresql.jdbc.url=jdbc:postgresql://"
                                    + postgres
                                    + "/"
                                    + BENCH_DATABASE,
                            "-Dquarkus.datasource.postgresql.username=postgres"));
        }
        ProcessBuilder builder =
                new ProcessBuilder(
                                javaBinary(),
                                "-Xmx512m",
                                "-Dquarkus.http.port=" + PORT,
                                "-Dtlsuite.ca.key-type=" + type.name(),
                                "-Dquarkus.log.level=WARN")
                        .redirectErrorStream(true)
                        .redirectOutput(data.resolve("ca.log").toFile());
        builder.command().addAll(database);
        builder.command().addAll(List.of("-jar", jar.toString()));
        builder.environment().put("TLSUITE_DATA_DIR", data.toString());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        // Not the local run: a passphrase of its own for the CA keys (the built-in one is refused).
        builder.environment()
                .put("TLSUITE_CA_KEY_PASSPHRASE", "bench-" + new SecureRandom().nextLong());
        String extra = System.getenv("CA_BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            builder.command().addAll(1, List.of(extra.trim().split("\\s+")));
        }
        Process ca = builder.start();
        try {
            // HTTP/1.1: one connection per client thread, as independent clients would (HTTP/2
            // would
            // multiplex every request over one connection and one server event loop).
            HttpClient http =
                    HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
            waitReady(http, ca, data);
            // Issuance needs a caller: the default provisioner's token, which the CA wrote at
            // start.
            String token = Files.readString(data.resolve("ca-provisioner-token")).trim();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < CSRS; i++) {
                String name = "bench" + i + ".test";
                bodies.add(
                        "{\"profile\":\"server\",\"validityDays\":30,\"csr\":\""
                                + csr(type.generate(), name).replace("\n", "\\n")
                                + "\"}");
            }
            // Warm-up: JIT, connection pools. A cold CA spends a third to a half of its CPU in the
            // JIT compiler and runs RSA's BigInteger arithmetic interpreted: the measurement is of
            // a CA that has been serving for a while.
            // Under load a fixed time is not enough: warm up until WARMUP_CERTIFICATES were
            // issued (5 s slices, at most WARMUP_MAX_SECONDS).
            long warm = 0;
            int warmSeconds = 0;
            while (warm < WARMUP_CERTIFICATES && warmSeconds < WARMUP_MAX_SECONDS) {
                warm += run(http, token, bodies, 5, threads);
                warmSeconds += 5;
            }
            System.out.printf(
                    "  %s: warm-up %d s, %d issued%n", type.description(), warmSeconds, warm);
            String jfr = System.getenv("CA_BENCH_JFR_DIR");
            if (jfr != null && !jfr.isBlank()) {
                jcmd(
                        ca,
                        "JFR.start",
                        "name=bench",
                        "settings=profile",
                        "filename=" + Path.of(jfr, type.name() + ".jfr").toAbsolutePath());
            }
            String load = loadAverage();
            Duration cpu0 = ca.info().totalCpuDuration().orElse(Duration.ZERO);
            long issued = run(http, token, bodies, seconds, threads);
            Duration cpu = ca.info().totalCpuDuration().orElse(Duration.ZERO).minus(cpu0);
            if (jfr != null && !jfr.isBlank()) {
                jcmd(ca, "JFR.stop", "name=bench");
            }
            System.out.printf("  load average before / after: %s / %s%n", load, loadAverage());
            // The CA's own CPU per certificate: what the machine's other load does not change much.
            System.out.printf(
                    "  %s: %d issued, CA process CPU %.2f ms per certificate%n",
                    type.description(), issued, issued == 0 ? 0.0 : cpu.toNanos() / 1e6 / issued);
            return new Rate(
                    issued / (double) seconds, issued == 0 ? 0.0 : cpu.toNanos() / 1e6 / issued);
        } finally {
            ca.destroy();
            if (!ca.waitFor(20, TimeUnit.SECONDS)) {
                ca.destroyForcibly();
            }
        }
    }

    private static long run(
            HttpClient http, String token, List<String> bodies, int seconds, int threads)
            throws Exception {
        AtomicLong issued = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            futures.add(
                    pool.submit(
                            () -> {
                                int i = offset;
                                while (System.nanoTime() < end) {
                                    HttpRequest request =
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    "http://localhost:"
                                                                            + PORT
                                                                            + "/api/v1/certificates"))
                                                    .header("Content-Type", "application/json")
                                                    .header("Authorization", "Bearer " + token)
                                                    .POST(
                                                            HttpRequest.BodyPublishers.ofString(
                                                                    bodies.get(
                                                                            i++ % bodies.size())))
                                                    .build();
                                    try {
                                        int status =
                                                http.send(
                                                                request,
                                                                HttpResponse.BodyHandlers
                                                                        .discarding())
                                                        .statusCode();
                                        (status == 201 ? issued : failed).incrementAndGet();
                                    } catch (Exception e) {
                                        failed.incrementAndGet();
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        if (failed.get() > 0) {
            System.out.println("  (" + failed.get() + " requests failed)");
        }
        return issued.get();
    }

    /**
     * Signatures per second by Bouncy Castle over certificate-sized data, one signer per thread;
     * with {@code verify}, each signature also verified (the least one issuance does: check the
     * CSR, sign the certificate).
     */
    static Rate measureRaw(KeyType type, int seconds, int threads, boolean verify)
            throws Exception {
        KeyPair keys = type.generate();
        String algorithm =
                CaCredentials.signatureAlgorithmFor(
                        PublicKeyProfile.of(
                                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())));
        byte[] tbs = new byte[600]; // about the size of a leaf's TBSCertificate
        new SecureRandom().nextBytes(tbs);
        signFor(algorithm, keys, tbs, Math.max(2, seconds / 4), threads, verify); // warm-up
        long[] countAndCpu = signFor(algorithm, keys, tbs, seconds, threads, verify);
        return new Rate(countAndCpu[0] / (double) seconds, countAndCpu[1] / 1e6 / countAndCpu[0]);
    }

    /** Signatures made, and the CPU nanoseconds the signing threads spent. */
    private static long[] signFor(
            String algorithm, KeyPair keys, byte[] tbs, int seconds, int threads, boolean verify)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(
                    pool.submit(
                            () -> {
                                var cpu = ManagementFactory.getThreadMXBean();
                                long cpu0 = cpu.getCurrentThreadCpuTime();
                                Signature signature =
                                        Signature.getInstance(algorithm, BouncyCastle.PROVIDER);
                                Signature verifier =
                                        Signature.getInstance(algorithm, BouncyCastle.PROVIDER);
                                long n = 0;
                                while (System.nanoTime() < end) {
                                    signature.initSign(keys.getPrivate());
                                    signature.update(tbs);
                                    byte[] sig = signature.sign();
                                    if (verify) {
                                        verifier.initVerify(keys.getPublic());
                                        verifier.update(tbs);
                                        if (!verifier.verify(sig)) {
                                            throw new IllegalStateException("bad signature");
                                        }
                                    }
                                    n++;
                                }
                                return new long[] {n, cpu.getCurrentThreadCpuTime() - cpu0};
                            }));
        }
        long[] total = new long[2];
        for (Future<long[]> f : futures) {
            long[] each = f.get();
            total[0] += each[0];
            total[1] += each[1];
        }
        pool.shutdown();
        return total;
    }

    private static String csr(KeyPair keys, String name) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        String algorithm =
                CaCredentials.signatureAlgorithmFor(
                        PublicKeyProfile.of(
                                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())));
        return Pem.encode(
                "CERTIFICATE REQUEST",
                new JcaPKCS10CertificationRequestBuilder(
                                new X500Name("CN=" + name), keys.getPublic())
                        .addAttribute(
                                PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                                extensions.generate())
                        .build(
                                new JcaContentSignerBuilder(algorithm)
                                        .setProvider(BouncyCastle.PROVIDER)
                                        .build(keys.getPrivate()))
                        .getEncoded());
    }

    private static void waitReady(HttpClient http, Process ca, Path data) throws Exception {
        for (int i = 0; i < 120; i++) {
            if (!ca.isAlive()) {
                throw new IllegalStateException("the CA exited: see " + data.resolve("ca.log"));
            }
            try {
                HttpResponse<Void> response =
                        http.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + PORT
                                                                + "/q/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(
                "the CA was not ready within 120 s: see " + data.resolve("ca.log"));
    }

    /**
     * {@code CA_BENCH_DATABASE}, else {@code tlsuite_ca_bench}; dropped and created per key type.
     */
    private static final String BENCH_DATABASE = database();

    private static String database() {
        String name = System.getenv("CA_BENCH_DATABASE");
        if (name == null || name.isBlank()) {
            return "tlsuite_ca_bench";
        }
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("CA_BENCH_DATABASE must be a plain lower-case name");
        }
        return name;
    }

    private static int port() {
        String configured = System.getenv("CA_BENCH_PORT");
        if (configured != null && !configured.isBlank()) {
            return Integer.parseInt(configured.trim());
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Drops and creates the benchmark's database: every CA starts on empty tables. */
    private static void freshDatabase(String postgres) throws Exception {
        try (var c =
                        java.sql.DriverManager.getConnection(
                                "jdbc:postgresql://" + postgres + "/postgres", "postgres", "");
                var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + BENCH_DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + BENCH_DATABASE);
        }
    }

    /** Certificates issued before measuring: {@code CA_BENCH_WARMUP_CERTIFICATES}, else 3000. */
    private static final int WARMUP_CERTIFICATES =
            Integer.parseInt(
                    System.getenv().getOrDefault("CA_BENCH_WARMUP_CERTIFICATES", "3000").trim());

    private static final int WARMUP_MAX_SECONDS = 120;

    /** {@code CA_BENCH_JFR_DIR}: a JFR recording of the CA during the measurement, per key type. */
    private static void jcmd(Process ca, String... command) throws Exception {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(ca.pid()));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + out);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private IssuanceBenchmark() {}
}
