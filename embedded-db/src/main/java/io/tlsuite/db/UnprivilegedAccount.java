package io.tlsuite.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The account PostgreSQL runs as when we are root. {@code initdb} and {@code postgres} refuse to
 * run as root ("root execution of the PostgreSQL server is not permitted"), and CI containers and
 * these machines build as root. So as root every PostgreSQL command runs through {@code setpriv
 * --reuid --regid --init-groups} (util-linux, present on every Debian/Ubuntu/Alpine base), and the
 * data directory is handed to that account.
 *
 * <p>The account, in order: {@code TLSUITE_DB_OS_USER} if set; {@code postgres} if it exists (the
 * packages' own account); {@code tlsuite-db} if it exists, or created with {@code useradd --system}
 * (no home, no shell); else {@code nobody}.
 */
public record UnprivilegedAccount(String name, int uid, int gid) {

    static final String CREATED_NAME = "tlsuite-db";

    /** True when this JVM runs with user id 0. */
    public static boolean weAreRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The account to run PostgreSQL as, creating {@code tlsuite-db} when nothing better exists. */
    public static UnprivilegedAccount pick() {
        Optional<String> configured = Setting.of("TLSUITE_DB_OS_USER");
        if (configured.isPresent()) {
            return lookup(configured.get())
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "TLSUITE_DB_OS_USER names no account on this machine: "
                                                    + configured.get()));
        }
        Optional<UnprivilegedAccount> found =
                lookup("postgres").or(() -> lookup(CREATED_NAME)).or(UnprivilegedAccount::create);
        return found.or(() -> lookup("nobody"))
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "running as root, and no unprivileged account to run"
                                                + " PostgreSQL as: set TLSUITE_DB_OS_USER"));
    }

    /** The command that runs {@code command} as this account. */
    public List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>();
        wrapped.add("setpriv");
        wrapped.add("--reuid=" + uid);
        wrapped.add("--regid=" + gid);
        // the account's own groups (none for a system account); never root's supplementary groups
        wrapped.add(uid == 65534 ? "--clear-groups" : "--init-groups");
        wrapped.addAll(command);
        return wrapped;
    }

    /** Makes {@code dir} and everything under it this account's. */
    public void own(Path dir) throws IOException {
        run(List.of("chown", "-R", uid + ":" + gid, dir.toString()));
    }

    private static Optional<UnprivilegedAccount> lookup(String name) {
        try {
            String uid = output(List.of("id", "-u", name));
            String gid = output(List.of("id", "-g", name));
            int u = Integer.parseInt(uid);
            if (u == 0) {
                return Optional.empty();
            }
            return Optional.of(new UnprivilegedAccount(name, u, Integer.parseInt(gid)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<UnprivilegedAccount> create() {
        try {
            run(
                    List.of(
                            "useradd",
                            "--system",
                            "--no-create-home",
                            "--home-dir",
                            "/nonexistent",
                            "--shell",
                            "/usr/sbin/nologin",
                            "--user-group",
                            CREATED_NAME));
        } catch (IOException e) {
            // another JVM may have created it meanwhile; otherwise fall through to nobody
        }
        return lookup(CREATED_NAME);
    }

    private static String output(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    static void run(List<String> command) throws IOException {
        output(command);
    }
}
