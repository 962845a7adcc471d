package io.tlsuite.sessionstore.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tlsuite.sessionstore.domain.Session;
import io.tlsuite.sessionstore.domain.SessionBackend;
import io.tlsuite.sessionstore.domain.SessionState;
import io.tlsuite.sessionstore.domain.Ticket;
import io.tlsuite.sessionstore.domain.TicketKind;
import io.tlsuite.sessionstore.domain.TicketState;
import io.vertx.mutiny.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sessions in Redis, shared by every replica and kept across restarts. Each state change is one Lua
 * script, so it is atomic in Redis: racing replicas end a session once. Layout under the prefix:
 * {@code s:<id>} hash per session (sealed keys base64 in field {@code sealed} while active), {@code
 * ids} (sorted set, by id, for pagination), {@code exp} (active sessions by expiry), {@code tomb}
 * (ended sessions by purge time), {@code cert:<serial>} (active sessions per certificate), {@code
 * t:<ticketId>}, {@code st:<sessionId>}, {@code texp}, {@code ttomb} for tickets, {@code revoked}.
 * Scripts build key names, so this needs a single Redis (or one Cluster slot), not a sharded
 * Cluster.
 */
public final class RedisSessionBackend implements SessionBackend {

    private static final String[] SESSION_FIELDS = {
        "id",
        "handshakeId",
        "client",
        "server",
        "version",
        "suite",
        "serverSerial",
        "clientSerial",
        "createdAt",
        "expiresAt",
        "resumedFrom",
        "resumptionMethod",
        "keyCount",
        "keyBytes",
        "state",
        "endedAt",
        "endReason"
    };

    private static final String[] TICKET_FIELDS = {
        "id", "sessionId", "kind", "issuedAt", "expiresAt", "maxUses", "uses", "state", "endedAt"
    };

    /** Stores the session unless its id is taken (0); 1 when stored. Follows {@code p, id}. */
    private static final String INSERT_BODY =
            """
            local k = p .. 's:' .. id
            if redis.call('EXISTS', k) == 1 then return 0 end
            redis.call('HSET', k, unpack(ARGV, 6))
            redis.call('ZADD', p .. 'ids', 0, id)
            redis.call('ZADD', p .. 'exp', ARGV[3], id)
            redis.call('SADD', p .. 'cert:' .. ARGV[4], id)
            if ARGV[5] ~= '' then redis.call('SADD', p .. 'cert:' .. ARGV[5], id) end
            return 1
            """;

    private static final String INSERT =
            """
            local p, id = ARGV[1], ARGV[2]
            """
                    + INSERT_BODY;

    /**
     * {@link #register}: refuses a revoked certificate (2: the server's, 3: the client's), then a
     * taken id (0), else inserts as {@link #INSERT} does (1). Atomic against the revocation
     * cascade's SADD to {@code revoked} followed by its SMEMBERS of {@code cert:<serial>}.
     */
    private static final String REGISTER =
            """
            local p, id = ARGV[1], ARGV[2]
            if redis.call('SISMEMBER', p .. 'revoked', ARGV[4]) == 1 then return 2 end
            if ARGV[5] ~= '' and redis.call('SISMEMBER', p .. 'revoked', ARGV[5]) == 1 then return 3 end
            """
                    + INSERT_BODY;

    /**
     * Ends an active session; answers {@code {-1}} when unknown, else {@code {n, fields...}} with n
     * = 0 when it had ended already, 1 + tickets withdrawn when it ends now, and the session's
     * fields ({@link #SESSION_FIELDS}) after the change, so that no second round trip reads them.
     */
    private static final String END =
            """
            local function session(k, n)
              local out = redis.call('HMGET', k, %s)
              table.insert(out, 1, n)
              return out
            end
            local p, id = ARGV[1], ARGV[2]
            local k = p .. 's:' .. id
            local st = redis.call('HGET', k, 'state')
            if not st then
              redis.call('ZREM', p .. 'exp', id)
              return {-1}
            end
            if st ~= 'ACTIVE' then return session(k, 0) end
            redis.call('HSET', k, 'state', ARGV[3], 'endedAt', ARGV[4], 'endReason', ARGV[5])
            redis.call('HDEL', k, 'sealed')
            redis.call('ZREM', p .. 'exp', id)
            redis.call('ZADD', p .. 'tomb', ARGV[6], id)
            local ss = redis.call('HGET', k, 'serverSerial')
            if ss then redis.call('SREM', p .. 'cert:' .. string.lower(ss), id) end
            local cs = redis.call('HGET', k, 'clientSerial')
            if cs then redis.call('SREM', p .. 'cert:' .. string.lower(cs), id) end
            local n = 0
            for _, tid in ipairs(redis.call('SMEMBERS', p .. 'st:' .. id)) do
              local tk = p .. 't:' .. tid
              if redis.call('HGET', tk, 'state') == 'VALID' then
                redis.call('HSET', tk, 'state', 'WITHDRAWN', 'endedAt', ARGV[4])
                redis.call('HDEL', tk, 'secret')
                redis.call('ZREM', p .. 'texp', tid)
                redis.call('ZADD', p .. 'ttomb', ARGV[6], tid)
                n = n + 1
              end
            end
            return session(k, n + 1)
            """
                    .formatted(luaList(SESSION_FIELDS));

    private static final String PURGE =
            """
            local p = ARGV[1]
            local ids = redis.call('ZRANGEBYSCORE', p .. 'tomb', '-inf', ARGV[2], 'LIMIT', 0, ARGV[3])
            for _, id in ipairs(ids) do
              redis.call('DEL', p .. 's:' .. id, p .. 'st:' .. id)
              redis.call('ZREM', p .. 'ids', id)
              redis.call('ZREM', p .. 'tomb', id)
            end
            local tids = redis.call('ZRANGEBYSCORE', p .. 'ttomb', '-inf', ARGV[2], 'LIMIT', 0, ARGV[3])
            for _, tid in ipairs(tids) do
              redis.call('DEL', p .. 't:' .. tid)
              redis.call('ZREM', p .. 'ttomb', tid)
            end
            return #ids + #tids
            """;

    private static final String REPLACE_SEALED =
            """
            local k = ARGV[1] .. 's:' .. ARGV[2]
            if redis.call('HGET', k, 'state') ~= 'ACTIVE' then return 0 end
            if redis.call('HGET', k, 'sealed') ~= ARGV[3] then return 0 end
            redis.call('HSET', k, 'sealed', ARGV[4])
            return 1
            """;

    private static final String REPLACE_TICKET_SECRET =
            """
            local k = ARGV[1] .. 't:' .. ARGV[2]
            if redis.call('HGET', k, 'state') ~= 'VALID' then return 0 end
            if redis.call('HGET', k, 'secret') ~= ARGV[3] then return 0 end
            redis.call('HSET', k, 'secret', ARGV[4])
            return 1
            """;

    private static final String INSERT_TICKET =
            """
            local p, tid, sid = ARGV[1], ARGV[2], ARGV[3]
            local st = redis.call('HGET', p .. 's:' .. sid, 'state')
            if not st then return 2 end
            if st ~= 'ACTIVE' then return 3 end
            local tk = p .. 't:' .. tid
            if redis.call('EXISTS', tk) == 1 then return 1 end
            redis.call('HSET', tk, unpack(ARGV, 5))
            redis.call('SADD', p .. 'st:' .. sid, tid)
            redis.call('ZADD', p .. 'texp', ARGV[4], tid)
            return 0
            """;

    /** Shared by redeem and expire: ends a valid ticket in ARGV[2] as state s at ARGV[3]. */
    private static final String END_TICKET_FN =
            """
            local function endTicket(p, tid, s, at, purgeAt)
              local tk = p .. 't:' .. tid
              redis.call('HSET', tk, 'state', s, 'endedAt', at)
              redis.call('HDEL', tk, 'secret')
              redis.call('ZREM', p .. 'texp', tid)
              redis.call('ZADD', p .. 'ttomb', purgeAt, tid)
            end
            """;

    private static final String REDEEM =
            END_TICKET_FN
                    + """
                    local p, tid, now, purgeAt = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
                    local tk = p .. 't:' .. tid
                    local st = redis.call('HGET', tk, 'state')
                    if not st then return {'NOT_FOUND'} end
                    if st ~= 'VALID' then return {st} end
                    if tonumber(redis.call('HGET', tk, 'expiresAt')) <= tonumber(now) then
                      endTicket(p, tid, 'EXPIRED', now, purgeAt)
                      return {'EXPIRED_NOW'}
                    end
                    local secret = redis.call('HGET', tk, 'secret') or ''
                    local uses = redis.call('HINCRBY', tk, 'uses', 1)
                    if uses >= tonumber(redis.call('HGET', tk, 'maxUses')) then
                      endTicket(p, tid, 'USED', now, purgeAt)
                    end
                    return {'REDEEMED', secret}
                    """;

    private static final String EXPIRE_TICKET =
            END_TICKET_FN
                    + """
                    if redis.call('HGET', ARGV[1] .. 't:' .. ARGV[2], 'state') ~= 'VALID' then return 0 end
                    endTicket(ARGV[1], ARGV[2], 'EXPIRED', ARGV[3], ARGV[4])
                    return 1
                    """;

    private static final int LIST_BATCH = 200;

    private final RedisCommands commands;
    private final String prefix;

    public RedisSessionBackend(RedisDataSource redis, String prefix) {
        this.commands = new RedisCommands(redis);
        this.prefix = prefix;
    }

    @Override
    public boolean insert(Session s, byte[] sealedKeys) {
        return eval(INSERT, insertArguments(s, sealedKeys)).toInteger() == 1;
    }

    /** One script: revocation, id and insert in a single round trip, atomic in Redis. */
    @Override
    public Registration register(Session s, byte[] sealedKeys) {
        return switch (eval(REGISTER, insertArguments(s, sealedKeys)).toInteger()) {
            case 1 -> new Registration(RegistrationOutcome.INSERTED, null);
            case 0 -> new Registration(RegistrationOutcome.EXISTS, null);
            case 2 -> new Registration(RegistrationOutcome.REVOKED, s.serverCertificateSerial());
            default -> new Registration(RegistrationOutcome.REVOKED, s.clientCertificateSerial());
        };
    }

    private List<String> insertArguments(Session s, byte[] sealedKeys) {
        List<String> args = new ArrayList<>(48);
        args.add(prefix);
        args.add(s.id());
        args.add(Long.toString(s.expiresAt().toEpochMilli()));
        args.add(lower(s.serverCertificateSerial()));
        args.add(s.clientCertificateSerial() == null ? "" : lower(s.clientCertificateSerial()));
        String[] values = sessionValues(s);
        for (int i = 0; i < SESSION_FIELDS.length; i++) {
            if (values[i] != null) {
                args.add(SESSION_FIELDS[i]);
                args.add(values[i]);
            }
        }
        args.add("sealed");
        args.add(Base64.getEncoder().encodeToString(sealedKeys));
        return args;
    }

    @Override
    public Optional<Session> find(String id) {
        return Optional.ofNullable(readSession(id));
    }

    @Override
    public Optional<byte[]> sealedKeys(String id) {
        Response r = call("HMGET", key("s:", id), "state", "sealed");
        if (r.get(0) == null || r.get(1) == null || !"ACTIVE".equals(r.get(0).toString())) {
            return Optional.empty();
        }
        return Optional.of(Base64.getDecoder().decode(r.get(1).toString()));
    }

    @Override
    public List<Session> list(SessionFilter filter, String after, int limit) {
        List<Session> out = new ArrayList<>();
        String from = after == null ? "-" : "(" + after;
        while (out.size() < limit) {
            Response ids =
                    call(
                            "ZRANGEBYLEX",
                            prefix + "ids",
                            from,
                            "+",
                            "LIMIT",
                            "0",
                            Integer.toString(LIST_BATCH));
            if (ids.size() == 0) {
                break;
            }
            String last = null;
            for (Response idr : ids) {
                last = idr.toString();
                Session s = readSession(last);
                if (s != null && filter.matches(s)) {
                    out.add(s);
                    if (out.size() >= limit) {
                        break;
                    }
                }
            }
            if (ids.size() < LIST_BATCH) {
                break;
            }
            from = "(" + last;
        }
        return out;
    }

    @Override
    public EndResult end(
            String id, SessionState state, String reason, Instant at, Instant purgeAt) {
        Response reply =
                eval(
                        END,
                        List.of(
                                prefix,
                                id,
                                state.name(),
                                ms(at),
                                reason == null ? "" : reason,
                                ms(purgeAt)));
        long r = reply.get(0).toLong();
        if (r < 0) {
            return new EndResult(EndOutcome.NOT_FOUND, null, 0);
        }
        Session after = sessionOf(reply, 1);
        if (r == 0) {
            return new EndResult(EndOutcome.ALREADY_ENDED, after, 0);
        }
        return new EndResult(EndOutcome.ENDED, after, (int) (r - 1));
    }

    @Override
    public List<String> activeIdsUsingCertificate(String serial) {
        return strings(call("SMEMBERS", prefix + "cert:" + lower(serial)));
    }

    @Override
    public List<String> expiredActive(Instant now, int limit) {
        return due("exp", now, limit);
    }

    @Override
    public int purgeEnded(Instant now, int limit) {
        return eval(PURGE, List.of(prefix, ms(now), Integer.toString(limit))).toInteger();
    }

    @Override
    public void markRevoked(String serial) {
        call("SADD", prefix + "revoked", lower(serial));
    }

    @Override
    public boolean isRevoked(String serial) {
        return serial != null
                && call("SISMEMBER", prefix + "revoked", lower(serial)).toInteger() == 1;
    }

    @Override
    public boolean replaceSealedKeys(String id, byte[] expected, byte[] replacement) {
        Base64.Encoder b64 = Base64.getEncoder();
        return eval(
                                REPLACE_SEALED,
                                List.of(
                                        prefix,
                                        id,
                                        b64.encodeToString(expected),
                                        b64.encodeToString(replacement)))
                        .toInteger()
                == 1;
    }

    @Override
    public TicketInsert insertTicket(Ticket t, byte[] sealedSecret) {
        List<String> args = new ArrayList<>();
        args.add(prefix);
        args.add(t.id());
        args.add(t.sessionId());
        args.add(ms(t.expiresAt()));
        String[] values = ticketValues(t);
        for (int i = 0; i < TICKET_FIELDS.length; i++) {
            if (values[i] != null) {
                args.add(TICKET_FIELDS[i]);
                args.add(values[i]);
            }
        }
        args.add("secret");
        args.add(Base64.getEncoder().encodeToString(sealedSecret));
        switch (eval(INSERT_TICKET, args).toInteger()) {
            case 0:
                return TicketInsert.STORED;
            case 1:
                return TicketInsert.EXISTS;
            case 2:
                return TicketInsert.SESSION_NOT_FOUND;
            default:
                return TicketInsert.SESSION_NOT_ACTIVE;
        }
    }

    @Override
    public List<String> validTicketIds() {
        return strings(call("ZRANGE", prefix + "texp", "0", "-1"));
    }

    @Override
    public Optional<byte[]> sealedTicketSecret(String ticketId) {
        Response r = call("HMGET", key("t:", ticketId), "state", "secret");
        if (r.get(0) == null || r.get(1) == null || !"VALID".equals(r.get(0).toString())) {
            return Optional.empty();
        }
        return Optional.of(Base64.getDecoder().decode(r.get(1).toString()));
    }

    @Override
    public boolean replaceTicketSecret(String ticketId, byte[] expected, byte[] replacement) {
        Base64.Encoder b64 = Base64.getEncoder();
        return eval(
                                REPLACE_TICKET_SECRET,
                                List.of(
                                        prefix,
                                        ticketId,
                                        b64.encodeToString(expected),
                                        b64.encodeToString(replacement)))
                        .toInteger()
                == 1;
    }

    @Override
    public Optional<Ticket> findTicket(String id) {
        return Optional.ofNullable(readTicket(id));
    }

    @Override
    public Redemption redeem(String ticketId, Instant now, Instant purgeAt) {
        Response r = eval(REDEEM, List.of(prefix, ticketId, ms(now), ms(purgeAt)));
        String outcome = r.get(0).toString();
        switch (outcome) {
            case "NOT_FOUND":
                return new Redemption(RedeemOutcome.NOT_FOUND, null, null);
            case "REDEEMED":
                String secret = r.get(1).toString();
                return new Redemption(
                        RedeemOutcome.REDEEMED,
                        readTicket(ticketId),
                        Base64.getDecoder().decode(secret));
            case "EXPIRED_NOW":
                return new Redemption(RedeemOutcome.EXPIRED_NOW, readTicket(ticketId), null);
            default:
                return new Redemption(RedeemOutcome.valueOf(outcome), readTicket(ticketId), null);
        }
    }

    @Override
    public List<String> expiredTickets(Instant now, int limit) {
        return due("texp", now, limit);
    }

    @Override
    public boolean expireTicket(String ticketId, Instant at, Instant purgeAt) {
        return eval(EXPIRE_TICKET, List.of(prefix, ticketId, ms(at), ms(purgeAt))).toInteger() == 1;
    }

    @Override
    public long liveSessions() {
        return call("ZCARD", prefix + "exp").toLong();
    }

    @Override
    public long liveTickets() {
        return call("ZCARD", prefix + "texp").toLong();
    }

    @Override
    public void ping() {
        call("PING");
    }

    /** Deletes every key under the prefix (tests). */
    public void clear() {
        String cursor = "0";
        do {
            Response r = call("SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000");
            cursor = r.get(0).toString();
            List<String> keys = strings(r.get(1));
            if (!keys.isEmpty()) {
                call("DEL", keys.toArray(String[]::new));
            }
        } while (!"0".equals(cursor));
    }

    private Response call(String command, String... args) {
        return commands.call(command, args);
    }

    private Response eval(String script, List<String> args) {
        return commands.eval(script, args);
    }

    private List<String> due(String index, Instant now, int limit) {
        return strings(
                call(
                        "ZRANGEBYSCORE",
                        prefix + index,
                        "-inf",
                        ms(now),
                        "LIMIT",
                        "0",
                        Integer.toString(limit)));
    }

    private Session readSession(String id) {
        String[] args = new String[SESSION_FIELDS.length + 1];
        args[0] = key("s:", id);
        System.arraycopy(SESSION_FIELDS, 0, args, 1, SESSION_FIELDS.length);
        return sessionOf(call("HMGET", args), 0);
    }

    /**
     * The session in {@link #SESSION_FIELDS} order from {@code offset} of a reply; null if none.
     */
    private static Session sessionOf(Response r, int o) {
        if (r.get(o) == null) {
            return null;
        }
        return new Session(
                str(r, o),
                str(r, o + 1),
                str(r, o + 2),
                str(r, o + 3),
                str(r, o + 4),
                str(r, o + 5),
                str(r, o + 6),
                str(r, o + 7),
                instant(r, o + 8),
                instant(r, o + 9),
                str(r, o + 10),
                str(r, o + 11),
                Integer.parseInt(str(r, o + 12)),
                Integer.parseInt(str(r, o + 13)),
                SessionState.valueOf(str(r, o + 14)),
                instant(r, o + 15),
                emptyToNull(str(r, o + 16)));
    }

    /** {@code 'a', 'b', ...}: field names as Lua arguments. */
    private static String luaList(String[] names) {
        StringBuilder out = new StringBuilder();
        for (String n : names) {
            out.append(out.isEmpty() ? "" : ", ").append('\'').append(n).append('\'');
        }
        return out.toString();
    }

    private Ticket readTicket(String id) {
        String[] args = new String[TICKET_FIELDS.length + 1];
        args[0] = key("t:", id);
        System.arraycopy(TICKET_FIELDS, 0, args, 1, TICKET_FIELDS.length);
        Response r = call("HMGET", args);
        if (r.get(0) == null) {
            return null;
        }
        return new Ticket(
                str(r, 0),
                str(r, 1),
                TicketKind.valueOf(str(r, 2)),
                instant(r, 3),
                instant(r, 4),
                Integer.parseInt(str(r, 5)),
                Integer.parseInt(str(r, 6)),
                TicketState.valueOf(str(r, 7)),
                instant(r, 8));
    }

    private static String[] sessionValues(Session s) {
        return new String[] {
            s.id(),
            s.handshakeId(),
            s.client(),
            s.server(),
            s.protocolVersion(),
            s.cipherSuite(),
            s.serverCertificateSerial(),
            s.clientCertificateSerial(),
            ms(s.createdAt()),
            ms(s.expiresAt()),
            s.resumedFrom(),
            s.resumptionMethod(),
            Integer.toString(s.keyCount()),
            Integer.toString(s.keyBytes()),
            s.state().name(),
            s.endedAt() == null ? null : ms(s.endedAt()),
            s.endReason()
        };
    }

    private static String[] ticketValues(Ticket t) {
        return new String[] {
            t.id(),
            t.sessionId(),
            t.kind().name(),
            ms(t.issuedAt()),
            ms(t.expiresAt()),
            Integer.toString(t.maxUses()),
            Integer.toString(t.uses()),
            t.state().name(),
            t.endedAt() == null ? null : ms(t.endedAt())
        };
    }

    private String key(String kind, String id) {
        return prefix + kind + id;
    }

    private static String str(Response r, int i) {
        Response v = r.get(i);
        return v == null ? null : v.toString();
    }

    private static Instant instant(Response r, int i) {
        String v = str(r, i);
        return v == null ? null : Instant.ofEpochMilli(Long.parseLong(v));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static List<String> strings(Response r) {
        List<String> out = new ArrayList<>(r.size());
        for (Response item : r) {
            out.add(item.toString());
        }
        return out;
    }

    private static String ms(Instant t) {
        return Long.toString(t.toEpochMilli());
    }

    private static String lower(String serial) {
        return serial.toLowerCase(Locale.ROOT);
    }
}
