package io.tlsuite.protocol.resumption;

import java.util.Optional;

/**
 * Where a server keeps resumption state behind the opaque tickets it issues; the session store
 * service plugs in here. Tickets are bearer handles: a store should make them single use.
 */
public interface TicketStore {
    /** Keeps {@code state} and returns the opaque ticket (1..65535 bytes) to send to the client. */
    byte[] issue(ResumptionState state);

    /** The state behind a ticket, consuming it; empty if unknown, used or expired. */
    Optional<ResumptionState> redeem(byte[] ticket);

    /**
     * TLS 1.2 session ids: whether {@link #storeUnderId} works. A server only hands out session ids
     * (RFC 5246 §7.4.1.3) when it does; RFC 5077 tickets need only {@link #issue}.
     */
    default boolean supportsSessionIds() {
        return false;
    }

    /**
     * TLS 1.2: keeps {@code state} under a session id the server chose (up to 32 bytes), to be
     * found by {@link #redeem} with that id.
     */
    default void storeUnderId(byte[] sessionId, ResumptionState state) {
        throw new UnsupportedOperationException("session ids are not supported by this store");
    }
}
