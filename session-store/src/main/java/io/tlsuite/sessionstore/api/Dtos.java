package io.tlsuite.sessionstore.api;

import io.tlsuite.sessionstore.domain.Session;
import io.tlsuite.sessionstore.domain.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON documents of the API. Key material travels base64-encoded and only in *Keys/*Lookup. */
final class Dtos {

    private Dtos() {}

    /**
     * Body of {@code POST /api/v1/sessions}.
     *
     * @param id optional; a random UUID when absent
     * @param lifetimeSeconds optional alternative to {@code expiresAt}
     * @param keys named secrets, base64: e.g. {@code clientTrafficSecret}, {@code
     *     serverTrafficSecret}, {@code resumptionSecret}
     */
    record SessionRequest(
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
            Long lifetimeSeconds,
            String resumedFrom,
            String resumptionMethod,
            Map<String, String> keys) {

        @Override
        public String toString() {
            return "SessionRequest[id=" + id + ", keys redacted]";
        }
    }

    /** Metadata of a session: never a key. */
    record SessionView(
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
            String resumptionMethod,
            String state,
            Instant endedAt,
            String endReason,
            int keyCount,
            boolean keysPresent) {

        static SessionView of(Session s) {
            return new SessionView(
                    s.id(),
                    s.handshakeId(),
                    s.client(),
                    s.server(),
                    s.protocolVersion(),
                    s.cipherSuite(),
                    s.serverCertificateSerial(),
                    s.clientCertificateSerial(),
                    s.createdAt(),
                    s.expiresAt(),
                    s.resumedFrom(),
                    s.resumptionMethod(),
                    s.state().name(),
                    s.endedAt(),
                    s.endReason(),
                    s.keyCount(),
                    s.isActive());
        }
    }

    /** A page of sessions; pass {@code next} as {@code after} to get the following page. */
    record SessionPage(List<SessionView> items, String next) {}

    /** The key material of a session, for the handshake service only. */
    record SessionKeys(
            String sessionId,
            String protocolVersion,
            String cipherSuite,
            Map<String, String> keys) {
        @Override
        public String toString() {
            return "SessionKeys[" + sessionId + ", keys redacted]";
        }
    }

    /**
     * Body of {@code POST /api/v1/session-batches}: registrations and closes, applied in order.
     * Each operation has exactly one of {@code register} and {@code close}.
     */
    record SessionBatch(List<SessionOperation> operations) {
        @Override
        public String toString() {
            return "SessionBatch[" + (operations == null ? 0 : operations.size()) + " operations]";
        }
    }

    /** One operation of a batch: a registration (the body of {@code POST /sessions}) or a close. */
    record SessionOperation(SessionRequest register, SessionClose close) {
        @Override
        public String toString() {
            return register != null ? "register " + register : "close " + close;
        }
    }

    /** A close in a batch: what {@code DELETE /api/v1/sessions/{id}} takes in its URL. */
    record SessionClose(String id, String closedBy, String reason) {}

    /**
     * The outcome of one operation, in the order sent: {@code status} is what the single call would
     * have answered (201 registered, 200 closed, else the problem's status); {@code problem} only
     * on failure.
     */
    record OperationResult(
            int index,
            String operation,
            String id,
            int status,
            Boolean alreadyEnded,
            Map<String, Object> problem) {}

    /** Answer of {@code POST /api/v1/session-batches}: one result per operation, in order. */
    record SessionBatchResult(int succeeded, int failed, List<OperationResult> results) {}

    /** Outcome of a close; {@code alreadyEnded} marks a repeated (idempotent) close. */
    record CloseResult(SessionView session, boolean alreadyEnded, int ticketsWithdrawn) {}

    /**
     * Body of {@code POST /api/v1/tickets}.
     *
     * @param kind {@code psk} (TLS 1.3), {@code ticket} or {@code session-id} (TLS 1.2)
     * @param identity base64 of what the client will present: PSK identity, ticket or session id
     * @param secret optional base64 secret to hand back on resumption (e.g. the PSK)
     * @param maxUses optional, 1 (single use) by default
     */
    record TicketRequest(
            String sessionId,
            String kind,
            String identity,
            String secret,
            Long lifetimeSeconds,
            Integer maxUses) {
        @Override
        public String toString() {
            return "TicketRequest[session=" + sessionId + ", redacted]";
        }
    }

    record TicketView(
            String ticketId,
            String sessionId,
            String kind,
            Instant issuedAt,
            Instant expiresAt,
            int maxUses,
            int usesLeft,
            String state) {
        static TicketView of(Ticket t) {
            return new TicketView(
                    t.id(),
                    t.sessionId(),
                    t.kind().wireName(),
                    t.issuedAt(),
                    t.expiresAt(),
                    t.maxUses(),
                    t.usesLeft(),
                    t.state().name());
        }
    }

    /** Body of {@code POST /api/v1/tickets/lookup}. */
    record TicketLookup(String identity) {
        @Override
        public String toString() {
            return "TicketLookup[redacted]";
        }
    }

    /** A resolved ticket: its secret (base64, may be empty) and the session it resumes. */
    record TicketResolution(TicketView ticket, SessionView session, String secret) {
        @Override
        public String toString() {
            return "TicketResolution[" + ticket.ticketId() + ", secret redacted]";
        }
    }
}
