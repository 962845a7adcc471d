package io.tlsuite.sessionstore.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of sessions, their sealed key material and their tickets. Every state change is atomic in
 * the backend, so several replicas (or threads) racing to close, expire or terminate one session
 * see exactly one of them win. Key material only ever reaches a backend sealed.
 */
public interface SessionBackend extends AutoCloseable {

    /** Stores a new active session; false when the id is already taken (nothing changes then). */
    boolean insert(Session session, byte[] sealedKeys);

    /** What {@link #register} did. */
    enum RegistrationOutcome {
        /** Stored; no certificate of the session is revoked. */
        INSERTED,
        /** Not stored: the id is taken. */
        EXISTS,
        /** Not stored: a certificate of the session was revoked before. */
        REVOKED,
        /**
         * Stored, but a certificate was revoked while the insert ran: the revocation's scan may
         * have missed the session, so the caller terminates it.
         */
        INSERTED_THEN_REVOKED
    }

    /** How a registration went; {@code revokedSerial} names the revoked certificate, if any. */
    record Registration(RegistrationOutcome outcome, String revokedSerial) {}

    /**
     * Stores a new active session unless one of its certificates is revoked (checked first) or its
     * id is taken. Against {@link #markRevoked} followed by {@link #activeIdsUsingCertificate} (the
     * revocation cascade), a session either is refused, or is found by the cascade, or comes back
     * {@code INSERTED_THEN_REVOKED}. This default checks, inserts and checks again (three calls); a
     * backend that can do it in one atomic step (Redis: one script) overrides it.
     */
    default Registration register(Session session, byte[] sealedKeys) {
        String revoked = revokedSerialOf(session);
        if (revoked != null) {
            return new Registration(RegistrationOutcome.REVOKED, revoked);
        }
        if (!insert(session, sealedKeys)) {
            return new Registration(RegistrationOutcome.EXISTS, null);
        }
        String late = revokedSerialOf(session);
        return late == null
                ? new Registration(RegistrationOutcome.INSERTED, null)
                : new Registration(RegistrationOutcome.INSERTED_THEN_REVOKED, late);
    }

    private String revokedSerialOf(Session s) {
        if (s.serverCertificateSerial() != null && isRevoked(s.serverCertificateSerial())) {
            return s.serverCertificateSerial();
        }
        if (s.clientCertificateSerial() != null && isRevoked(s.clientCertificateSerial())) {
            return s.clientCertificateSerial();
        }
        return null;
    }

    Optional<Session> find(String id);

    /** The sealed key material of an active session; empty when unknown or ended. */
    Optional<byte[]> sealedKeys(String id);

    /**
     * Sessions matching the filter, ordered by id, with ids strictly after {@code after} (null:
     * from the start), at most {@code limit}.
     */
    List<Session> list(SessionFilter filter, String after, int limit);

    /**
     * Ends an active session: state, end time and reason set, sealed keys dropped (zeroised where
     * the backend can), its valid tickets withdrawn. The tombstone stays until {@code purgeAt}.
     */
    EndResult end(String id, SessionState state, String reason, Instant at, Instant purgeAt);

    /** Active sessions that used the certificate, as server or client certificate. */
    List<String> activeIdsUsingCertificate(String serial);

    /** Active sessions whose expiry is at or before {@code now}, at most {@code limit}. */
    List<String> expiredActive(Instant now, int limit);

    /** Deletes ended sessions and tickets whose tombstone time passed; returns how many. */
    int purgeEnded(Instant now, int limit);

    void markRevoked(String serial);

    boolean isRevoked(String serial);

    /** Replaces the sealed keys of an active session if they are still {@code expected}. */
    boolean replaceSealedKeys(String id, byte[] expected, byte[] replacement);

    /** Ids of active sessions, ordered, after {@code after}: for rotation. */
    default List<String> activeIds(String after, int limit) {
        return list(new SessionFilter(SessionState.ACTIVE, null, null), after, limit).stream()
                .map(Session::id)
                .toList();
    }

    /** Ids of every valid ticket: for rotation. */
    List<String> validTicketIds();

    /** The sealed secret of a valid ticket; empty when unknown or no longer valid. */
    Optional<byte[]> sealedTicketSecret(String ticketId);

    /** Replaces the sealed secret of a valid ticket if it is still {@code expected}. */
    boolean replaceTicketSecret(String ticketId, byte[] expected, byte[] replacement);

    /** Stores a valid ticket for an active session, atomically with that session's state. */
    TicketInsert insertTicket(Ticket ticket, byte[] sealedSecret);

    Optional<Ticket> findTicket(String id);

    /**
     * Spends one use of a ticket, atomically: a ticket whose last use this was becomes USED and
     * loses its secret; an expired one becomes EXPIRED.
     */
    Redemption redeem(String ticketId, Instant now, Instant purgeAt);

    /** Valid tickets whose expiry is at or before {@code now}, at most {@code limit}. */
    List<String> expiredTickets(Instant now, int limit);

    /** Marks a valid ticket expired and drops its secret; false if it was no longer valid. */
    boolean expireTicket(String ticketId, Instant at, Instant purgeAt);

    long liveSessions();

    long liveTickets();

    /** Throws when the backend cannot serve (for readiness). */
    void ping();

    @Override
    default void close() {}

    /** Filter of a listing; null fields match everything. */
    record SessionFilter(SessionState state, String certificateSerial, String client) {
        public boolean matches(Session s) {
            return (state == null || s.state() == state)
                    && (certificateSerial == null || s.usesCertificate(certificateSerial))
                    && (client == null || client.equals(s.client()));
        }
    }

    enum EndOutcome {
        ENDED,
        ALREADY_ENDED,
        NOT_FOUND
    }

    /** What {@link #end} did; {@code session} is the state after (null when not found). */
    record EndResult(EndOutcome outcome, Session session, int ticketsWithdrawn) {}

    enum TicketInsert {
        STORED,
        EXISTS,
        SESSION_NOT_FOUND,
        SESSION_NOT_ACTIVE
    }

    enum RedeemOutcome {
        REDEEMED,
        NOT_FOUND,
        USED,
        EXPIRED,
        /** Found valid but past its lifetime: expired by this very call. */
        EXPIRED_NOW,
        WITHDRAWN
    }

    /**
     * What {@link #redeem} did; on success, the ticket after the use and its sealed secret (empty
     * when the ticket has none).
     */
    record Redemption(RedeemOutcome outcome, Ticket ticket, byte[] sealedSecret) {}
}
