package io.tlsuite.sessionstore.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tlsuite.sessionstore.domain.BackendUnavailableException;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the Redis backends talk to Redis: one command, or one Lua script by its SHA-1. Connection
 * failures and timeouts become {@link BackendUnavailableException}; a script's own error (a bug) is
 * thrown as it is.
 */
final class RedisCommands {
    private static final Map<String, String> SHA1 = new ConcurrentHashMap<>();

    private final RedisDataSource redis;

    RedisCommands(RedisDataSource redis) {
        this.redis = redis;
    }

    /** One Redis command. */
    Response call(String command, String... args) {
        try {
            return redis.execute(command, args);
        } catch (RuntimeException e) {
            if (isScriptError(e)) {
                throw e;
            }
            throw new BackendUnavailableException("Redis did not answer " + command, e);
        }
    }

    /**
     * Runs a script by its SHA-1 ({@code EVALSHA}: the script's text is not sent nor hashed by
     * Redis each time); when Redis does not know it yet (first use, restart, {@code SCRIPT FLUSH})
     * once with {@code EVAL}, which also caches it. No keys: the scripts build them from the prefix
     * in their arguments.
     */
    Response eval(String script, List<String> args) {
        String[] all = new String[args.size() + 2];
        all[0] = sha1(script);
        all[1] = "0";
        for (int i = 0; i < args.size(); i++) {
            all[i + 2] = args.get(i);
        }
        try {
            return redis.execute("EVALSHA", all);
        } catch (RuntimeException e) {
            if (!isUnknownScript(e)) {
                if (isScriptError(e)) {
                    throw e;
                }
                throw new BackendUnavailableException("Redis did not answer EVALSHA", e);
            }
        }
        all[0] = script;
        return call("EVAL", all);
    }

    Response eval(String script, String... args) {
        return eval(script, List.of(args));
    }

    private static boolean isScriptError(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("ERR") || m.startsWith("WRONGTYPE") || m.contains("script");
    }

    /** Redis's NOSCRIPT answer, however the client wraps it. */
    private static boolean isUnknownScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String sha1(String script) {
        return SHA1.computeIfAbsent(
                script,
                s -> {
                    try {
                        return HexFormat.of()
                                .formatHex(
                                        MessageDigest.getInstance("SHA-1")
                                                .digest(s.getBytes(StandardCharsets.UTF_8)));
                    } catch (NoSuchAlgorithmException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}
