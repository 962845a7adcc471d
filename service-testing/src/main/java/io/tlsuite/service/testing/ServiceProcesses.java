package io.tlsuite.service.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real services of the suite as OS processes for a test, each from its packaged jar ({@code
 * <module>/target/quarkus-app/quarkus-run.jar}, made by {@code mvn package} of that module): one
 * JVM per service with the configuration the test gives, its output in {@code target/it-logs},
 * readiness awaited on {@code /q/health/ready}, all stopped when the test JVM exits.
 */
public final class ServiceProcesses {
    /** The project root, seen from a module's directory (where Surefire runs). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final List<Process> RUNNING = new ArrayList<>();
    private static boolean hooked;

    private ServiceProcesses() {}

    /** The packaged jar of a module. */
    public static Path jar(String module) {
        return ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Null when every module's jar is packaged, else a sentence saying which are missing. */
    public static String missingJars(String... modules) {
        List<String> missing = new ArrayList<>();
        for (String m : modules) {
            if (!Files.isRegularFile(jar(m))) {
                missing.add(m);
            }
        }
        return missing.isEmpty()
                ? null
                : "packaged jars are missing: "
                        + String.join(", ", missing)
                        + " (mvn -pl "
                        + String.join(",", missing)
                        + " -am package -DskipTests)";
    }

    /**
     * Starts {@code module} listening on {@code port} (loopback) with {@code props} as system
     * properties and waits until it is ready.
     *
     * @return its base URL
     */
    public static String start(
            String module, String logName, int port, Map<String, String> props, Duration ready)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar(module).toString());
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(logs.resolve(logName + ".log").toFile())
                        .start();
        synchronized (RUNNING) {
            RUNNING.add(p);
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(ServiceProcesses::stopAll));
                hooked = true;
            }
        }
        String url = "http://127.0.0.1:" + port;
        waitReady(url, p, logName, ready);
        return url;
    }

    /** A port free right now on the loopback interface. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitReady(String url, Process p, String name, Duration max)
            throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IOException(
                        name + " exited with " + p.exitValue() + ": see target/it-logs/" + name);
            }
            try {
                HttpResponse<Void> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        throw new IOException(name + " at " + url + " not ready within " + max.toSeconds() + " s");
    }

    private static void stopAll() {
        List<Process> ps;
        synchronized (RUNNING) {
            ps = List.copyOf(RUNNING);
        }
        for (Process p : ps) {
            p.destroy();
        }
        for (Process p : ps) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.destroyForcibly();
        }
    }
}
