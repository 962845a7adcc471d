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
}
