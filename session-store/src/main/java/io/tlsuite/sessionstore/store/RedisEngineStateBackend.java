package io.tlsuite.sessionstore.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tlsuite.sessionstore.domain.EngineState;
import io.tlsuite.sessionstore.domain.EngineStateBackend;
import io.tlsuite.sessionstore.domain.EngineStateKind;
import io.tlsuite.sessionstore.domain.EngineStateStatus;
import io.vertx.mutiny.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Engine states in Redis, shared by every replica of the store. Layout under the prefix: hash
 * {@code es:<id>} per state (sealed bytes base64 in field {@code sealed} while active), with a
 * Redis expiry at its purge time (so tombstones delete themselves), and the sorted set {@code
 * esexp} of active states by expiry, for the sweep. Every write is one Lua script that compares the
 * version and bumps it, so racing replicas cannot both advance one state, and answers with the
 * outcome and the state's fields as they are after it: one round trip per write.
 */
public final class RedisEngineStateBackend implements EngineStateBackend {

    private static final String[] FIELDS = {
        "kind", "version", "status", "createdAt", "updatedAt", "expiresAt", "endReason", "size"
    };

    /** A write's answer: {outcome, the state's FIELDS after it (all false if there is none)}. */
    private static final String ANSWER_FN =
            """
            local function answer(outcome, k)
              return {outcome, redis.call('HMGET', k, %s)}
            end
            """
                    .formatted("'" + String.join("', '", FIELDS) + "'");

    /** Shared check: returns a refusal tuple, or nil when a write at ARGV[3] may go on. */
    private static final String REFUSAL_FN =
            ANSWER_FN
                    + """
            local function refusal(k, expected, now)
              local st = redis.call('HMGET', k, 'status', 'version', 'expiresAt')
              if not st[1] then return {'NOT_FOUND'} end
              if st[1] ~= 'ACTIVE' then return {'ALREADY_ENDED'} end
              if tonumber(st[3]) <= tonumber(now) then return {'EXPIRED'} end
              if expected ~= '' and st[2] ~= expected then return {'VERSION_MISMATCH'} end
              return nil
            end
            """;

    private static final String CREATE =
            ANSWER_FN
                    + """
            local p, id = ARGV[1], ARGV[2]
            local k = p .. 'es:' .. id
            if redis.call('EXISTS', k) == 1 then return answer('EXISTS', k) end
            redis.call('HSET', k, 'kind', ARGV[3], 'version', '1', 'status', 'ACTIVE',
              'createdAt', ARGV[4], 'updatedAt', ARGV[4], 'expiresAt', ARGV[5], 'size', ARGV[6],
              'sealed', ARGV[7])
            redis.call('PEXPIREAT', k, ARGV[8])
            redis.call('ZADD', p .. 'esexp', ARGV[5], id)
            return answer('CREATED', k)
            """;

    private static final String REPLACE =
            REFUSAL_FN
                    + """
                    local p, id, now = ARGV[1], ARGV[2], ARGV[4]
                    local k = p .. 'es:' .. id
                    local r = refusal(k, ARGV[3], now)
                    if r then return answer(r[1], k) end
                    redis.call('HINCRBY', k, 'version', 1)
                    redis.call('HSET', k, 'updatedAt', now, 'expiresAt', ARGV[5], 'size', ARGV[6],
                      'sealed', ARGV[7])
                    redis.call('PEXPIREAT', k, ARGV[8])
                    redis.call('ZADD', p .. 'esexp', ARGV[5], id)
                    return answer('REPLACED', k)
                    """;

    private static final String EXPIRE_FN =
            """
            local function expireState(p, id, purgeAt)
              local k = p .. 'es:' .. id
              redis.call('HSET', k, 'status', 'EXPIRED', 'size', '0')
              redis.call('HDEL', k, 'sealed')
              redis.call('PEXPIREAT', k, purgeAt)
              redis.call('ZREM', p .. 'esexp', id)
            end
            """;

    private static final String END =
            REFUSAL_FN
                    + EXPIRE_FN
                    + """
                    local p, id, now = ARGV[1], ARGV[2], ARGV[4]
                    local k = p .. 'es:' .. id
                    local r = refusal(k, ARGV[3], now)
                    if r and r[1] == 'EXPIRED' then
                      expireState(p, id, ARGV[6])
                      return answer('ALREADY_ENDED', k)
                    end
                    if r then return answer(r[1], k) end
                    redis.call('HINCRBY', k, 'version', 1)
                    redis.call('HSET', k, 'status', 'ENDED', 'updatedAt', now, 'endReason', ARGV[5],
                      'size', '0')
                    redis.call('HDEL', k, 'sealed')
                    redis.call('PEXPIREAT', k, ARGV[6])
                    redis.call('ZREM', p .. 'esexp', id)
                    return answer('ENDED', k)
                    """;

    private static final String EXPIRE =
            EXPIRE_FN
                    + """
                    local p = ARGV[1]
                    local ids = redis.call('ZRANGEBYSCORE', p .. 'esexp', '-inf', ARGV[2], 'LIMIT', 0, ARGV[4])
                    local n = 0
                    for _, id in ipairs(ids) do
                      local k = p .. 'es:' .. id
                      local st = redis.call('HMGET', k, 'status', 'expiresAt')
                      if st[1] == 'ACTIVE' and tonumber(st[2]) <= tonumber(ARGV[2]) then
                        expireState(p, id, ARGV[3])
                        n = n + 1
                      else
                        redis.call('ZREM', p .. 'esexp', id)
                      end
                    end
                    return n
                    """;

    private final RedisCommands commands;
    private final String prefix;

    public RedisEngineStateBackend(RedisDataSource redis, String prefix) {
        this.commands = new RedisCommands(redis);
        this.prefix = prefix;
    }

    @Override
    public Write create(
            String id,
            EngineStateKind kind,
            byte[] sealed,
            int sizeBytes,
            Instant now,
            Instant expiresAt,
            Instant purgeAt) {
        return written(
                id,
                now,
                eval(
                        CREATE,
                        prefix,
                        id,
                        kind.name(),
                        ms(now),
                        ms(expiresAt),
                        Integer.toString(sizeBytes),
                        Base64.getEncoder().encodeToString(sealed),
                        ms(purgeAt)));
    }

    @Override
    public Write replace(
            String id,
            long expectedVersion,
            byte[] sealed,
            int sizeBytes,
            Instant now,
            Instant expiresAt,
            Instant purgeAt) {
        return written(
                id,
                now,
                eval(
                        REPLACE,
                        prefix,
                        id,
                        Long.toString(expectedVersion),
                        ms(now),
                        ms(expiresAt),
                        Integer.toString(sizeBytes),
                        Base64.getEncoder().encodeToString(sealed),
                        ms(purgeAt)));
    }

    @Override
    public Optional<Stored> find(String id, Instant now) {
        String[] args = new String[FIELDS.length + 2];
        args[0] = prefix + "es:" + id;
        System.arraycopy(FIELDS, 0, args, 1, FIELDS.length);
        args[args.length - 1] = "sealed";
        Response r = call("HMGET", args);
        EngineState s = state(id, r, now);
        if (s == null) {
            return Optional.empty();
        }
        Response sealed = r.get(FIELDS.length);
        if (s.status() != EngineStateStatus.ACTIVE || sealed == null) {
            return Optional.of(new Stored(s, null));
        }
        return Optional.of(new Stored(s, Base64.getDecoder().decode(sealed.toString())));
    }

    @Override
    public Write end(String id, Long expectedVersion, String reason, Instant now, Instant purgeAt) {
        return written(
                id,
                now,
                eval(
                        END,
                        prefix,
                        id,
                        expectedVersion == null ? "" : expectedVersion.toString(),
                        ms(now),
                        reason,
                        ms(purgeAt)));
    }

    @Override
    public int expire(Instant now, Instant purgeAt, int limit) {
        return eval(EXPIRE, prefix, ms(now), ms(purgeAt), Integer.toString(limit)).toInteger();
    }

    @Override
    public int purge(Instant now, int limit) {
        return 0; // each hash carries its own Redis expiry at its purge time
    }

    @Override
    public long live() {
        return call("ZCARD", prefix + "esexp").toLong();
    }

    /** A write script's answer: its outcome, and the state as it is after it. */
    private static Write written(String id, Instant now, Response r) {
        return new Write(Outcome.valueOf(r.get(0).toString()), state(id, r.get(1), now));
    }

    private static EngineState state(String id, Response r, Instant now) {
        if (r.get(0) == null || r.get(1) == null) {
            return null;
        }
        EngineState s =
                new EngineState(
                        id,
                        EngineStateKind.valueOf(r.get(0).toString()),
                        r.get(1).toLong(),
                        EngineStateStatus.valueOf(r.get(2).toString().toUpperCase(Locale.ROOT)),
                        instant(r.get(3)),
                        instant(r.get(4)),
                        instant(r.get(5)),
                        r.get(6) == null ? null : r.get(6).toString(),
                        r.get(7) == null ? 0 : r.get(7).toInteger());
        EngineStateStatus status = s.statusAt(now);
        if (status == s.status()) {
            return s;
        }
        return new EngineState(
                id,
                s.kind(),
                s.version(),
                status,
                s.createdAt(),
                s.updatedAt(),
                s.expiresAt(),
                s.endReason(),
                0);
    }

    private static Instant instant(Response r) {
        return Instant.ofEpochMilli(r.toLong());
    }

    private static String ms(Instant t) {
        return Long.toString(t.toEpochMilli());
    }

    private Response call(String command, String... args) {
        return commands.call(command, args);
    }

    private Response eval(String script, String... args) {
        return commands.eval(script, args);
    }

    /** Deletes every engine state under the prefix (tests). */
    public void clear() {
        String cursor = "0";
        do {
            Response r = call("SCAN", cursor, "MATCH", prefix + "es*", "COUNT", "1000");
            cursor = r.get(0).toString();
            List<String> keys = new ArrayList<>();
            r.get(1).forEach(k -> keys.add(k.toString()));
            if (!keys.isEmpty()) {
                call("DEL", keys.toArray(String[]::new));
            }
        } while (!"0".equals(cursor));
    }
}
