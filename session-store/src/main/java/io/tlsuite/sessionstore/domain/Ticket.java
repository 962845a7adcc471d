package io.tlsuite.sessionstore.domain;

import java.time.Instant;

/**
 * A resumption ticket's metadata (never its secret).
 *
 * @param id the ticket id: base64url SHA-256 of the identity the client presents
 * @param maxUses how many resumptions it allows (1: single use, the default)
 * @param uses how many it has served
 */
public record Ticket(
        String id,
        String sessionId,
        TicketKind kind,
        Instant issuedAt,
        Instant expiresAt,
        int maxUses,
        int uses,
        TicketState state,
        Instant endedAt) {

    public int usesLeft() {
        return state == TicketState.VALID ? Math.max(0, maxUses - uses) : 0;
    }
}
