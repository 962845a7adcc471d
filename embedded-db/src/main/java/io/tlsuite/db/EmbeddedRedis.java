package io.tlsuite.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real Redis server from the binaries of {@code com.github.codemonstur:embedded-redis} (Redis
 * 6.2), as a child process bound to 127.0.0.1. Redis runs as root without complaint, so no account
 * switch is needed here.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final String PID_FILE = "redis.pid";

    private final redis.embedded.RedisServer server;
    private final int port;

    private EmbeddedRedis(redis.embedded.RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a server on {@code port}.
     *
     * @param dataDir where it keeps an append-only file and snapshots (kept across restarts), or
     *     null for a server that persists nothing
     * @param output receives each line the server prints
     */
    public static EmbeddedRedis start(int port, Path dataDir, Consumer<String> output)
            throws IOException {
        var builder =
                redis.embedded.RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("protected-mode yes")
                        .soutListener(output)
                        .serrListener(output);
        if (dataDir == null) {
            builder.setting("save \"\"").setting("appendonly no");
        } else {
            Path dir = dataDir.toAbsolutePath();
            Files.createDirectories(dir);
            stopLeftover(dir.resolve(PID_FILE));
            builder.setting("dir " + dir)
                    .setting("pidfile " + dir.resolve(PID_FILE))
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save 60 1");
        }
        PortCheck.requireFree(port, "embedded Redis");
        redis.embedded.RedisServer server = builder.build();
        server.start();
        return new EmbeddedRedis(server, port);
    }

    /**
     * A server still running on this data directory (its launcher was killed): stop it (SIGTERM, it
     * saves and exits) so that the new one gets the port and the files.
     */
    private static void stopLeftover(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> leftover;
        try {
            leftover = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (RuntimeException e) {
            return;
        }
        if (leftover.isEmpty()
                || !leftover.get().info().command().orElse("").contains("redis-server")) {
            return;
        }
        leftover.get().destroy();
        try {
            leftover.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(
                    "a Redis (pid "
                            + leftover.get().pid()
                            + ") still runs on "
                            + pidFile.getParent(),
                    e);
        }
    }

    public RedisServer server(Origin origin, String why) {
        return RedisServer.local(port, origin, why);
    }

    public int port() {
        return port;
    }

    /** Stops the server (SIGTERM: Redis writes its snapshot and exits). */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            // already gone
        }
    }
}
