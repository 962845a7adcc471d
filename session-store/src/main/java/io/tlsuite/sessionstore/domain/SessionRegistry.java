package io.tlsuite.sessionstore.domain;

import io.tlsuite.events.session.SessionClosed;
import io.tlsuite.events.session.SessionCreated;
import io.tlsuite.events.session.SessionExpired;
import io.tlsuite.events.session.SessionKeysDestroyed;
import io.tlsuite.events.session.SessionResumed;
import io.tlsuite.events.session.SessionTerminated;
import io.tlsuite.service.problem.SafeText;
import io.tlsuite.sessionstore.domain.SessionBackend.EndResult;
import io.tlsuite.sessionstore.domain.SessionBackend.Redemption;
import io.tlsuite.sessionstore.domain.SessionBackend.SessionFilter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The rules of the session store: what may be registered, who ends a session and how, and what is
 * announced. Key material enters sealed and leaves only through {@link #keys} and {@link #redeem};
 * every plaintext array the registry makes is zeroised before it returns.
 */
public final class SessionRegistry {

    /** Reason recorded on sessions ended by the sweep. */
    public static final String REASON_LIFETIME = "lifetime-exceeded";

    /** Reason of {@code session.terminated} after a revocation. */
    public static final String REASON_CERTIFICATE_REVOKED = "certificate-revoked";

    private static final int SWEEP_BATCH = 1000;

    private final SessionBackend backend;
    private final KeySealer sealer;
    private final SessionEventSink sink;
    private final Clock clock;
    private final Settings settings;

    /**
     * @param defaultSessionLifetime lifetime of a session registered without an expiry
     * @param maxSessionLifetime the longest lifetime a session may ask for
     * @param defaultTicketLifetime lifetime of a ticket stored without one
     * @param maxTicketLifetime the longest ticket lifetime (RFC 8446 §4.6.1: seven days)
     * @param tombstoneRetention how long an ended session or ticket stays visible (state, double
     *     close, replay detection) before it is deleted
     */
    public record Settings(
            Duration defaultSessionLifetime,
            Duration maxSessionLifetime,
            Duration defaultTicketLifetime,
            Duration maxTicketLifetime,
            Duration tombstoneRetention) {

        public static Settings defaults() {
            return new Settings(
                    Duration.ofHours(1),
                    Duration.ofDays(1),
                    Duration.ofHours(2),
                    Duration.ofDays(7),
                    Duration.ofMinutes(15));
        }
    }

    public SessionRegistry(
            SessionBackend backend,
            KeySealer sealer,
            SessionEventSink sink,
            Clock clock,
            Settings settings) {
        this.backend = Objects.requireNonNull(backend);
        this.sealer = Objects.requireNonNull(sealer);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
    }

    /** What a caller asks to register; ids and times are optional. */
    public record NewSession(
            String id,
            String handshakeId,
            String client,
            String server,
            String protocolVersion,
            String cipherSuite,
            String serverCertificateSerial,
            String clientCertificateSerial,
            Instant createdAt,
            Instant expiresAt,
            String resumedFrom,
            String resumptionMethod) {}

    /**
     * Registers a session and takes ownership of its keys, which are sealed and then destroyed,
     * whatever the outcome.
     */
    public Session register(NewSession request, KeyMaterial keys) {
        try {
            Instant now = now();
            Instant createdAt = request.createdAt() != null ? millis(request.createdAt()) : now;
            Instant expiresAt =
                    request.expiresAt() != null
                            ? millis(request.expiresAt())
                            : now.plus(settings.defaultSessionLifetime());
            if (!expiresAt.isAfter(now)) {
                throw new RegistryException(
                        Rejection.INVALID_REQUEST, "expiresAt is not in the future");
            }
            if (!expiresAt.isAfter(createdAt)) {
                throw new RegistryException(
                        Rejection.INVALID_REQUEST, "expiresAt is not after createdAt");
            }
            if (Duration.between(now, expiresAt).compareTo(settings.maxSessionLifetime()) > 0) {
                throw new RegistryException(
                        Rejection.INVALID_REQUEST,
                        "lifetime exceeds the maximum of " + settings.maxSessionLifetime());
            }
            Session session =
                    new Session(
                            request.id(),
                            request.handshakeId(),
                            request.client(),
                            request.server(),
                            request.protocolVersion(),
                            request.cipherSuite(),
                            request.serverCertificateSerial(),
                            request.clientCertificateSerial(),
                            createdAt,
                            expiresAt,
                            request.resumedFrom(),
                            request.resumedFrom() == null ? null : request.resumptionMethod(),
                            keys.count(),
                            keys.totalBytes(),
                            SessionState.ACTIVE,
                            null,
                            null);
            byte[] encoded = keys.encode();
            byte[] sealed;
            try {
                sealed = sealer.seal(encoded, sessionContext(session.id()));
            } finally {
                Arrays.fill(encoded, (byte) 0);
            }
            // Revocation and id checked with the insert, in one step where the backend can.
            SessionBackend.Registration registration = backend.register(session, sealed);
            switch (registration.outcome()) {
                case REVOKED:
                    throw new RegistryException(
                            Rejection.CERTIFICATE_REVOKED,
                            "certificate " + registration.revokedSerial() + " is revoked");
                case EXISTS:
                    throw new RegistryException(
                            Rejection.SESSION_EXISTS,
                            "session " + session.id() + " is already registered");
                default:
                    break;
            }
            sink.publish(
                    new SessionCreated(
                            session.id(),
                            session.handshakeId(),
                            session.client(),
                            session.server(),
                            session.protocolVersion(),
                            session.cipherSuite(),
                            session.serverCertificateSerial(),
                            session.clientCertificateSerial(),
                            session.createdAt(),
                            session.expiresAt()));
            if (session.resumedFrom() != null) {
                sink.publish(
                        new SessionResumed(
                                session.id(),
                                session.resumedFrom(),
                                session.handshakeId(),
                                session.resumptionMethod()));
            }
            // A revocation that raced this registration may have scanned before the insert.
            if (registration.outcome()
                    == SessionBackend.RegistrationOutcome.INSERTED_THEN_REVOKED) {
                terminate(session.id(), registration.revokedSerial());
                return get(session.id());
            }
            return session;
        } finally {
            keys.destroy();
        }
    }

    public Session get(String id) {
        return backend.find(id).orElseThrow(() -> notFound(id));
    }

    /** A page of sessions ordered by id; {@code next} is the cursor of the following page. */
    public record Page(List<Session> items, String next) {}

    public Page list(SessionFilter filter, String after, int limit) {
        List<Session> items = backend.list(filter, after, limit + 1);
        if (items.size() > limit) {
            List<Session> page = items.subList(0, limit);
            return new Page(List.copyOf(page), page.get(limit - 1).id());
        }
        return new Page(items, null);
    }

    /**
     * The plaintext keys of an active session: the caller must {@link KeyMaterial#destroy()} them.
     */
    public KeyMaterial keys(String id) {
        byte[] sealed =
                backend.sealedKeys(id)
                        .orElseThrow(() -> backend.find(id).isPresent() ? ended(id) : notFound(id));
        byte[] plain = null;
        try {
            plain = sealer.open(sealed, sessionContext(id));
            return KeyMaterial.decode(plain);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
            Arrays.fill(sealed, (byte) 0);
        }
    }

    /** How a close went; {@code alreadyEnded} marks an idempotent repeat. */
    public record Ending(Session session, boolean alreadyEnded, int ticketsWithdrawn) {}

    /** Closes a session: keys destroyed, tickets withdrawn. Closing an ended session is a no-op. */
    public Ending close(String id, String closedBy, String reason) {
        EndResult r = end(id, SessionState.CLOSED, reason);
        switch (r.outcome()) {
            case NOT_FOUND:
                throw notFound(id);
            case ALREADY_ENDED:
                return new Ending(r.session(), true, 0);
            default:
                sink.publish(new SessionClosed(id, closedBy, reason));
                keysDestroyed(r.session());
                return new Ending(r.session(), false, r.ticketsWithdrawn());
        }
    }

    /**
     * Ends every session past its lifetime and every ticket past its own, then deletes tombstones
     * past their retention.
     *
     * @return how many sessions expired
     */
    public int sweep() {
        Instant now = now();
        int expired = 0;
        List<String> due;
        int endedInBatch;
        do {
            due = backend.expiredActive(now, SWEEP_BATCH);
            endedInBatch = 0;
            for (String id : due) {
                EndResult r = end(id, SessionState.EXPIRED, REASON_LIFETIME);
                if (r.outcome() == SessionBackend.EndOutcome.ENDED) {
                    endedInBatch++;
                    sink.publish(new SessionExpired(id, r.session().expiresAt()));
                    keysDestroyed(r.session());
                }
            }
            expired += endedInBatch;
            // A full batch of which nothing ended (ended elsewhere meanwhile) waits for the next
            // run.
        } while (due.size() == SWEEP_BATCH && endedInBatch > 0);
        int ticketsExpired = 0;
        for (String tid : backend.expiredTickets(now, SWEEP_BATCH)) {
            if (backend.expireTicket(tid, now, now.plus(settings.tombstoneRetention()))) {
                ticketsExpired++;
            }
        }
        if (ticketsExpired > 0) {
            sink.ticketEnded(TicketState.EXPIRED, ticketsExpired);
        }
        while (backend.purgeEnded(now, SWEEP_BATCH) == SWEEP_BATCH) {
            // keep purging until the backlog is gone
        }
        return expired;
    }

    /**
     * The revocation cascade: remembers the serial (later registrations with it are refused) and
     * terminates every active session that used it, withdrawing their tickets.
     *
     * @return how many sessions were terminated
     */
    public int revokeCertificate(String serial) {
        if (serial == null || serial.isBlank()) {
            return 0;
        }
        backend.markRevoked(serial);
        int terminated = 0;
        for (String id : backend.activeIdsUsingCertificate(serial)) {
            if (terminate(id, serial)) {
                terminated++;
            }
        }
        return terminated;
    }

    private boolean terminate(String id, String serial) {
        EndResult r = end(id, SessionState.TERMINATED, REASON_CERTIFICATE_REVOKED + ":" + serial);
        if (r.outcome() != SessionBackend.EndOutcome.ENDED) {
            return false;
        }
        sink.publish(new SessionTerminated(id, REASON_CERTIFICATE_REVOKED, serial));
        keysDestroyed(r.session());
        return true;
    }

    private EndResult end(String id, SessionState state, String reason) {
        Instant now = now();
        EndResult r = backend.end(id, state, reason, now, now.plus(settings.tombstoneRetention()));
        if (r.ticketsWithdrawn() > 0) {
            sink.ticketEnded(TicketState.WITHDRAWN, r.ticketsWithdrawn());
        }
        return r;
    }

    private void keysDestroyed(Session s) {
        sink.publish(
                new SessionKeysDestroyed(s.id(), s.state().cause(), s.keyCount(), s.keyBytes()));
    }

    /** What a caller asks to store as a resumption ticket. */
    public record NewTicket(String sessionId, TicketKind kind, Duration lifetime, int maxUses) {}

    /**
     * Stores a ticket whose client-side identity is {@code identity}; {@code secret} (may be empty)
     * is sealed and then zeroised, as is nothing else: the identity is not secret.
     */
    public Ticket storeTicket(NewTicket request, byte[] identity, byte[] secret) {
        try {
            Duration lifetime =
                    request.lifetime() != null
                            ? request.lifetime()
                            : settings.defaultTicketLifetime();
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new RegistryException(Rejection.INVALID_REQUEST, "lifetime must be positive");
            }
            if (lifetime.compareTo(settings.maxTicketLifetime()) > 0) {
                throw new RegistryException(
                        Rejection.INVALID_REQUEST,
                        "lifetime exceeds the maximum of " + settings.maxTicketLifetime());
            }
            if (request.maxUses() < 1) {
                throw new RegistryException(
                        Rejection.INVALID_REQUEST, "maxUses must be at least 1");
            }
            Instant now = now();
            String id = ticketId(identity);
            Ticket ticket =
                    new Ticket(
                            id,
                            request.sessionId(),
                            request.kind(),
                            now,
                            now.plus(lifetime),
                            request.maxUses(),
                            0,
                            TicketState.VALID,
                            null);
            byte[] sealed = sealer.seal(secret, ticketContext(id));
            switch (backend.insertTicket(ticket, sealed)) {
                case STORED:
                    return ticket;
                case EXISTS:
                    throw new RegistryException(
                            Rejection.TICKET_EXISTS, "ticket " + id + " is already stored");
                case SESSION_NOT_FOUND:
                    throw notFound(request.sessionId());
                default:
                    throw ended(request.sessionId());
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * A ticket resolved for resumption: the caller must zeroise {@code secret} after use.
     *
     * @param session the session the ticket was issued in
     */
    public record Redeemed(Ticket ticket, Session session, byte[] secret) {
        @Override
        public String toString() {
            return "Redeemed[ticket=" + ticket.id() + ", secret redacted]";
        }
    }

    /** Spends one use of the ticket the client presented as {@code identity}. */
    public Redeemed redeem(byte[] identity) {
        String id = ticketId(identity);
        Instant now = now();
        Redemption r = backend.redeem(id, now, now.plus(settings.tombstoneRetention()));
        switch (r.outcome()) {
            case NOT_FOUND:
                throw new RegistryException(
                        Rejection.TICKET_NOT_FOUND,
                        "no ticket " + SafeText.id(id, "(not a valid id)"));
            case USED:
                throw new RegistryException(
                        Rejection.TICKET_ALREADY_USED, "ticket " + id + " was already used");
            case EXPIRED_NOW:
                sink.ticketEnded(TicketState.EXPIRED, 1);
                throw new RegistryException(Rejection.TICKET_EXPIRED, "ticket " + id + " expired");
            case EXPIRED:
                throw new RegistryException(Rejection.TICKET_EXPIRED, "ticket " + id + " expired");
            case WITHDRAWN:
                throw new RegistryException(
                        Rejection.TICKET_WITHDRAWN,
                        "ticket " + id + " was withdrawn: its session ended");
            default:
                break;
        }
        if (r.ticket().state() == TicketState.USED) {
            sink.ticketEnded(TicketState.USED, 1);
        }
        byte[] sealed = r.sealedSecret();
        try {
            byte[] secret = sealer.open(sealed, ticketContext(id));
            Session session = backend.find(r.ticket().sessionId()).orElse(null);
            return new Redeemed(r.ticket(), session, secret);
        } finally {
            Arrays.fill(sealed, (byte) 0);
        }
    }

    public Ticket ticket(String ticketId) {
        return backend.findTicket(ticketId)
                .orElseThrow(
                        () ->
                                new RegistryException(
                                        Rejection.TICKET_NOT_FOUND,
                                        "no ticket " + SafeText.id(ticketId, "(not a valid id)")));
    }

    /**
     * Rotation: reseals the keys of every active session and the secret of every valid ticket that
     * are not sealed with the active envelope key. Safe while the store serves: each replacement is
     * a compare-and-set, so a blob that changed or ended meanwhile is left alone.
     *
     * @return how many blobs were resealed
     */
    public int rewrap() {
        int rewrapped = 0;
        String after = null;
        List<String> ids;
        do {
            ids = backend.activeIds(after, SWEEP_BATCH);
            for (String id : ids) {
                byte[] sealed = backend.sealedKeys(id).orElse(null);
                if (sealed != null
                        && reseal(
                                sealed,
                                sessionContext(id),
                                (old, fresh) -> backend.replaceSealedKeys(id, old, fresh))) {
                    rewrapped++;
                }
            }
            after = ids.isEmpty() ? after : ids.get(ids.size() - 1);
        } while (ids.size() == SWEEP_BATCH);
        for (String tid : backend.validTicketIds()) {
            byte[] sealed = backend.sealedTicketSecret(tid).orElse(null);
            if (sealed != null
                    && reseal(
                            sealed,
                            ticketContext(tid),
                            (old, fresh) -> backend.replaceTicketSecret(tid, old, fresh))) {
                rewrapped++;
            }
        }
        return rewrapped;
    }

    private boolean reseal(
            byte[] sealed, String context, java.util.function.BiPredicate<byte[], byte[]> replace) {
        if (sealer.isCurrent(sealed)) {
            return false;
        }
        byte[] plain = sealer.open(sealed, context);
        try {
            return replace.test(sealed, sealer.seal(plain, context));
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(sealed, (byte) 0);
        }
    }

    public long liveSessions() {
        return backend.liveSessions();
    }

    public long liveTickets() {
        return backend.liveTickets();
    }

    /** The id under which a ticket is stored: base64url(SHA-256(identity)), no padding. */
    public static String ticketId(byte[] identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Millisecond precision, as every backend stores it. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static Instant millis(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static String sessionContext(String id) {
        return "session:" + id;
    }

    private static String ticketContext(String id) {
        return "ticket:" + id;
    }

    private static RegistryException notFound(String id) {
        return new RegistryException(
                Rejection.SESSION_NOT_FOUND, "no session " + SafeText.id(id, "(not a valid id)"));
    }

    private static RegistryException ended(String id) {
        return new RegistryException(Rejection.SESSION_ENDED, "session " + id + " has ended");
    }
}
