package io.tlsuite.ca.bench;

import io.tlsuite.ca.domain.BouncyCastle;
import io.tlsuite.ca.domain.CaCredentials;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.ca.domain.Pem;
import io.tlsuite.ca.domain.PublicKeyProfile;
import io.tlsuite.events.Topics;
import io.tlsuite.kafka.EmbeddedKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
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
 * ({@code target/quarkus-app/quarkus-run.jar}, embedded H2, CA keys of that type), issues leaves of
 * that type through {@code POST /api/v1/certificates} from several client threads for a fixed time,
 * and measures Bouncy Castle's raw signing rate with a key of the same type in this JVM, in the
 * same run. Run it with {@code certificate-authority/bench.sh}.
 *
 * <p>Arguments: {@code [seconds per measurement, default 20] [client threads, default 8]}.
 */
public final class IssuanceBenchmark {

    private static final int PORT = 18181;
    private static final int CSRS = 16;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int cores = Runtime.getRuntime().availableProcessors();
        Path jar =
                Path.of("certificate-authority/target/quarkus-app/quarkus-run.jar")
                        .toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    "build first: mvn -pl certificate-authority package -DskipTests");
        }
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
            for (KeyType type : List.of(KeyType.EC_P256, KeyType.RSA_2048)) {
                double rest = measureRest(jar, kafka.bootstrapServers(), type, seconds, threads);
                double raw = measureRawSigning(type, seconds, cores);
                String line =
                        String.format(
                                "%-9s REST issuance %8.1f certs/s | BC raw signing %9.1f sig/s (%d threads) | ratio %5.1f %%",
                                type.description(), rest, raw, cores, 100 * rest / raw);
                System.out.println(line);
                results.add(line);
            }
        }
        System.out.println();
        results.forEach(System.out::println);
    }

    private static double measureRest(
            Path jar, String bootstrap, KeyType type, int seconds, int threads) throws Exception {
        Path data = Files.createTempDirectory("ca-bench-");
        ProcessBuilder builder =
                new ProcessBuilder(
                                javaBinary(),
                                "-Xmx512m",
                                "-Dquarkus.http.port=" + PORT,
                                "-Dtlsuite.ca.key-type=" + type.name(),
                                "-Dquarkus.log.level=WARN",
                                "-jar",
                                jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(data.resolve("ca.log").toFile());
        builder.environment().put("TLSUITE_DATA_DIR", data.toString());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
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
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < CSRS; i++) {
                String name = "bench" + i + ".test";
                bodies.add(
                        "{\"profile\":\"server\",\"validityDays\":30,\"csr\":\""
                                + csr(type.generate(), name).replace("\n", "\\n")
                                + "\"}");
            }
            // Warm-up: JIT, connection pools.
            run(http, bodies, Math.max(3, seconds / 4), threads);
            long issued = run(http, bodies, seconds, threads);
            return issued / (double) seconds;
        } finally {
            ca.destroy();
            if (!ca.waitFor(20, TimeUnit.SECONDS)) {
                ca.destroyForcibly();
            }
        }
    }

    private static long run(HttpClient http, List<String> bodies, int seconds, int threads)
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
     * Signatures per second by Bouncy Castle over certificate-sized data, one signer per thread.
     */
    static double measureRawSigning(KeyType type, int seconds, int threads) throws Exception {
        KeyPair keys = type.generate();
        String algorithm =
                CaCredentials.signatureAlgorithmFor(
                        PublicKeyProfile.of(
                                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())));
        byte[] tbs = new byte[600]; // about the size of a leaf's TBSCertificate
        new SecureRandom().nextBytes(tbs);
        signFor(algorithm, keys.getPrivate(), tbs, Math.max(2, seconds / 4), threads); // warm-up
        long count = signFor(algorithm, keys.getPrivate(), tbs, seconds, threads);
        return count / (double) seconds;
    }

    private static long signFor(
            String algorithm, PrivateKey key, byte[] tbs, int seconds, int threads)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(
                    pool.submit(
                            () -> {
                                Signature signature =
                                        Signature.getInstance(algorithm, BouncyCastle.PROVIDER);
                                long n = 0;
                                while (System.nanoTime() < end) {
                                    signature.initSign(key);
                                    signature.update(tbs);
                                    signature.sign();
                                    n++;
                                }
                                return n;
                            }));
        }
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get();
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

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private IssuanceBenchmark() {}
}
